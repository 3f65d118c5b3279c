import { resolve } from 'node:path'
import * as esbuild from 'esbuild'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type StaticServer, launch, serve } from './helpers.js'

// The BUILT package (dist/) in a real browser page. `anychannel/sms` has no dependencies, so its
// ESM files load natively through an import map; the core (with zod and eventemitter3) is bundled
// from dist/ by esbuild for the browser, as an app's bundler would.
const ENTRY = `
import * as core from 'anychannel'
import * as sms from 'anychannel/sms'
import * as memory from 'anychannel/drivers/memory'
globalThis.anychannel = { core, sms, memory }
`

const NATIVE_PAGE = `<!doctype html><meta charset="utf-8"><title>native ESM</title>
<script type="importmap">{ "imports": { "anychannel/sms": "/dist/sms.js" } }</script>
<script type="module">
  import { segmentSms, transliterate } from 'anychannel/sms'
  globalThis.native = { segmentSms, transliterate }
  document.documentElement.dataset.ready = 'true'
</script>`

const BUNDLED_PAGE = `<!doctype html><meta charset="utf-8"><title>bundled</title>
<script type="module" src="/bundle.js"></script>`

type Anychannel = {
  core: typeof import('../src/index.js')
  sms: typeof import('../src/sms/index.js')
  memory: typeof import('../src/drivers/memory/index.js')
}

let browser: Browser
let server: StaticServer
let page: Page
const errors: string[] = []

beforeAll(async () => {
  const bundle = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: process.cwd(), sourcefile: 'browser-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
  })
  server = await serve({ '/dist/': resolve('dist') }, { '/native.html': NATIVE_PAGE, '/bundled.html': BUNDLED_PAGE, '/bundle.js': bundle.outputFiles[0]?.text ?? '' })
  browser = await launch()
  page = await browser.context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('anychannel/sms as native ESM from dist/ (import map, no bundler)', () => {
  it('segments and transliterates in the page', async () => {
    await page.goto(`${server.url}/native.html`)
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' })
    const r = await page.evaluate(() => {
      const { segmentSms, transliterate } = (globalThis as unknown as { native: Anychannel['sms'] }).native
      const long = segmentSms('a'.repeat(161))
      return {
        hello: segmentSms('Hello world'),
        long: { encoding: long.encoding, parts: long.segments.map((s) => s.length) },
        emoji: segmentSms('Hi 👋').encoding,
        curly: segmentSms('It’s here', { transliterate: true }).text,
        turkish: segmentSms('Şükrü Bey, çağrınız alındı', { languageTables: ['turkish'] }).languageTable,
        ellipsis: transliterate('Wait…').text,
        userAgent: navigator.userAgent,
      }
    })
    expect(r.hello).toMatchObject({ encoding: 'GSM-7', units: 11, segments: ['Hello world'], unitsPerSegment: 160 })
    expect(r.long).toEqual({ encoding: 'GSM-7', parts: [153, 8] })
    expect(r.emoji).toBe('UCS-2')
    expect(r.curly).toBe("It's here")
    expect(r.turkish).toEqual({ locking: 'turkish' })
    expect(r.ellipsis).toBe('Wait...')
    expect(r.userAgent).toContain('Chrome/')
    // Only the package's own files were fetched: no dependency, no polyfill.
    expect(server.requests.filter((p) => p.startsWith('/dist/')).every((p) => /^\/dist\/[\w-]+\.js$/.test(p))).toBe(true)
    expect(errors).toEqual([])
  })
})

describe('the core bundled from dist/ for the browser', () => {
  it('runs the builders, parseMessage and render() in the page', async () => {
    await page.goto(`${server.url}/bundled.html`)
    await page.waitForFunction(() => 'anychannel' in globalThis)
    const r = await page.evaluate(() => {
      const { message, card, reply, link, image, render, parseMessage, ValidationError } = (globalThis as unknown as { anychannel: Anychannel }).anychannel.core
      const msg = message({
        text: 'Your order **#1234** has shipped!',
        cards: [1, 2, 3].map((n) =>
          card({ title: `Item ${n}`, text: 'Arrives soon', media: image(`https://shop.example.com/${n}.jpg`), buttons: [link('View', `https://shop.example.com/p/${n}`), reply('Buy again', `RE_${n}`)] }),
        ),
        quickReplies: [reply('Track', 'TRACK'), reply('Help', 'HELP')],
      })
      const rcs = render(msg, 'rcs')
      const sms = render(msg, 'sms', { maxSegments: 1 })
      const telegram = render(msg, 'telegram')
      let issues: string[] = []
      try {
        parseMessage({ text: 'x', cards: [{ title: 'A', buttons: [{ type: 'url', title: 'Go', url: 'ftp://nope' }] }] })
      } catch (e) {
        if (ValidationError.isInstance(e)) issues = e.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
      }
      return {
        rcsCards: rcs.messages.flatMap((m) => m.cards ?? []).map((c) => c.title),
        rcsChips: rcs.messages.flatMap((m) => m.quickReplies ?? []).length,
        smsText: sms.messages[0]?.text,
        smsInfo: sms.sms,
        smsLossy: sms.report.filter((d) => d.lossy).length,
        telegramText: telegram.messages.at(-1)?.text,
        issues,
      }
    })
    expect(r.rcsCards).toEqual(['Item 1', 'Item 2', 'Item 3'])
    expect(r.rcsChips).toBe(2)
    expect(r.smsInfo).toMatchObject({ encoding: 'GSM-7', segments: 1 })
    expect(r.smsText?.length).toBeLessThanOrEqual(160)
    expect(r.smsText).toContain('1. Item 1 - Arrives soon (Buy again)')
    expect(r.smsText).toContain('Reply 2 for Track, 3 for Help')
    expect(r.smsLossy).toBeGreaterThan(0)
    expect(r.telegramText).toBe('Your order *\\#1234* has shipped\\!')
    expect(r.issues).toEqual([expect.stringMatching(/^cards\.0\.buttons\.0\.url: /)])
    expect(errors).toEqual([])
  })

  it('sends through createClient with the memory driver, and refuses a credentialed driver without dangerouslyAllowBrowser', async () => {
    const r = await page.evaluate(async () => {
      const { core, memory } = (globalThis as unknown as { anychannel: Anychannel }).anychannel
      const driver = memory.createMemoryDriver()
      const client = core.createClient({ channels: { sms: driver } })
      const sent = await client.send({ to: '+14155550100', message: core.message({ text: 'Hi from the browser' }) })
      const credentialed = core.defineDriver({
        id: 'acme',
        channel: 'sms',
        capabilities: { ...core.profiles.sms, idempotency: 'none' },
        usesCredentials: true,
        doSend: async () => ({ providerMessageIds: ['acme-1'], status: 'queued' }),
      })
      let refused: { code: string; message: string } | undefined
      try {
        core.createClient({ channels: { sms: credentialed } })
      } catch (e) {
        if (core.ValidationError.isInstance(e)) refused = { code: e.issues[0]?.code ?? '', message: e.message }
      }
      const allowed = core.createClient({ channels: { sms: credentialed }, dangerouslyAllowBrowser: true })
      const viaAllowed = await allowed.send({ to: '+14155550100', message: core.message({ text: 'Hi' }) })
      return { status: sent.status, stored: driver.sent.map((s) => s.message.text), id: sent.id, refused, allowedIds: viaAllowed.providerMessageIds }
    })
    expect(r.status).toBe('sent')
    expect(r.stored).toEqual(['Hi from the browser'])
    expect(r.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(r.refused?.code).toBe('browser')
    expect(r.refused?.message).toContain('dangerouslyAllowBrowser')
    expect(r.allowedIds).toEqual(['acme-1'])
    expect(errors).toEqual([])
  })
})
