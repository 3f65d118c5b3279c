import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type StaticServer, launch, serve } from './helpers.js'

// The preview page (examples/preview) built with Vite and served statically, driven in Chromium.
// Leaves a full-page screenshot in test-results/preview.png; UPDATE_DOCS_SCREENSHOT=1 also refreshes
// docs/preview.png (the README's picture, the first screen at 1920×1200).
const SCREENSHOT = 'test-results/preview.png'

let browser: Browser
let server: StaticServer
let page: Page
const errors: string[] = []
const external: string[] = []

beforeAll(async () => {
  await build({ configFile: resolve('examples/preview/vite.config.ts'), logLevel: 'warn' })
  server = await serve({ '/': resolve('examples/preview/dist') })
  browser = await launch({ width: 1920, height: 1200 })
  page = await browser.context.newPage()
  page.setDefaultTimeout(5_000)
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('request', (r) => !r.url().startsWith(server.url) && external.push(r.url()))
  await page.goto(`${server.url}/`)
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const pane = (channel: string) => page.locator(`[data-channel="${channel}"]`)

describe('preview page', () => {
  it('opens on the demo message (carousel), valid, with all five channels side by side', async () => {
    await expect.poll(() => page.locator('#status').textContent()).toBe('Valid message')
    expect(await page.locator('.examples button[aria-pressed="true"]').textContent()).toBe('carousel')
    expect(await page.locator('.pane .pane-title').allTextContents()).toEqual(['WhatsApp', 'Messenger', 'RCS', 'Telegram', 'SMS'])
    const tops = await page.locator('.pane').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))
    expect(new Set(tops).size).toBe(1)
  })

  it('shows the carousel natively on RCS: 3 cards with their buttons, and the 5 quick replies as chips', async () => {
    const rcs = pane('rcs')
    expect(await rcs.locator('.carousel .card').count()).toBe(3)
    expect(await rcs.locator('.carousel .card-title').allTextContents()).toEqual(['Blue linen shirt', 'Canvas tote bag', 'Gift card'])
    expect(await rcs.locator('.carousel .card').first().locator('.btn').allTextContents()).toEqual(['↗ View item', 'Buy again'])
    expect(await rcs.locator('.chip').allTextContents()).toEqual(['Track parcel', 'Change address', 'Returns', 'Invoice', 'Talk to us'])
    expect(await rcs.locator('.report li.lossy').count()).toBe(0)
  })

  it('shows the numbered SMS text with its encoding and segment count', async () => {
    const sms = pane('sms')
    const text = (await sms.locator('.sms-text').textContent()) ?? ''
    expect(text).toContain('1. Blue linen shirt - Size M, arrives Thursday (Buy again)')
    expect(text).toContain('Reply 4 for Track parcel, 5 for Change address')
    expect(text).toContain('https://shop.example.com/o/1234')
    expect(await sms.getByTestId('sms-encoding').textContent()).toBe('GSM-7')
    expect(await sms.getByTestId('sms-segments').textContent()).toBe('3 of 10')
    expect(await sms.locator('.sms-parts li').count()).toBe(3)
    expect(await sms.locator('.replies li').first().textContent()).toContain('REORDER_SHIRT')
  })

  it('re-renders the SMS for a 1-segment budget chosen in the pane, reporting the losses', async () => {
    await pane('sms').locator('#max-segments').selectOption('1')
    const sms = pane('sms')
    await expect.poll(() => sms.getByTestId('sms-segments').textContent()).toBe('1 of 1')
    const text = (await sms.locator('.sms-text').textContent()) ?? ''
    expect(text.length).toBeLessThanOrEqual(160)
    expect(text).toContain('Reply 1 for Track parcel, 2 for Change address')
    expect(await sms.locator('.report li.lossy').count()).toBeGreaterThan(0)
    expect(await sms.locator('.pane-meta').textContent()).toMatch(/lossy/)
  })

  it('draws other channels natively where they can: WhatsApp list picker, Messenger carousel, Telegram bold and reply keyboard', async () => {
    expect(await pane('whatsapp').locator('.list-button').textContent()).toBe('☰ Choose an option')
    await pane('whatsapp').locator('.list-button').click()
    expect(await pane('whatsapp').locator('.list-row-title').allTextContents()).toEqual(['Track parcel', 'Change address', 'Returns', 'Invoice', 'Talk to us'])
    expect(await pane('messenger').locator('.carousel .card').count()).toBe(3)
    expect(await pane('telegram').locator('.text strong').first().textContent()).toBe('Blue linen shirt')
    // MarkdownV2 escapes are not shown: "\#1234" reads "#1234".
    expect(await pane('telegram').locator('.msg').last().locator('.text').textContent()).toBe('Your order #1234 has shipped! Pick what you need next:')
    expect(await pane('telegram').locator('.chips .chip').count()).toBe(5)
  })

  it('loads another example on click (a 12-row list) and shows how each channel copes', async () => {
    await page.locator('.examples button[data-example="slots"]').click()
    await expect.poll(() => pane('messenger').locator('.chip').count()).toBe(12)
    expect(await pane('whatsapp').locator('.text').first().textContent()).toContain('12. Tue 18:00')
    expect(await pane('messenger').locator('.report li.lossy .detail').textContent()).toContain('row descriptions dropped')
    await page.locator('.examples button[data-example="store"]').click()
    await expect.poll(() => pane('whatsapp').locator('.location-name').textContent()).toBe('Shop Market St')
    expect(await pane('telegram').locator('.location-name').textContent()).toBe('Shop Market St')
    expect(await pane('rcs').locator('.text').textContent()).toContain('https://maps.google.com/?q=37.7897,-122.4011')
    expect(await pane('sms').locator('.sms-text').textContent()).toContain('Reply 1 for Opening hours, 2 for Deliver instead')
  })

  it('keeps Turkish SMS in GSM-7 with the national table, or by transliterating, when ticked', async () => {
    await page.locator('.examples button[data-example="turkish"]').click()
    await page.locator('#max-segments').selectOption('10')
    const sms = pane('sms')
    await expect.poll(() => sms.getByTestId('sms-encoding').textContent()).toBe('UCS-2')
    expect(await sms.getByTestId('sms-segments').textContent()).toBe('5 of 10')
    expect(await sms.locator('.sms-note').textContent()).toContain('UCS-2 because of')
    await sms.locator('#language-tables').check()
    await expect.poll(() => pane('sms').getByTestId('sms-encoding').textContent()).toBe('GSM-7')
    expect(await pane('sms').getByTestId('sms-segments').textContent()).toBe('3 of 10')
    expect(await pane('sms').locator('.sms-note').textContent()).toBe('National language tables: turkish locking.')
    await pane('sms').locator('#language-tables').uncheck()
    await pane('sms').locator('#transliterate').check()
    await expect.poll(() => pane('sms').getByTestId('sms-encoding').textContent()).toBe('GSM-7')
    expect(await pane('sms').locator('.report li .detail').allTextContents()).toContainEqual(expect.stringContaining('transliterated for GSM-7: ı→i'))
    await pane('sms').locator('#transliterate').uncheck()
  })

  it('lists validation errors at their path and line, and selects the value on click', async () => {
    await page.locator('.examples button[data-example="carousel"]').click()
    const json = (await page.locator('#json').inputValue()).replace('https://shop.example.com/p/tote', 'ftp://shop.example.com/p/tote')
    await page.locator('#json').fill(json)
    const issue = page.locator('.issue').first()
    await expect.poll(() => issue.getAttribute('data-path')).toBe('cards[1].buttons[0].url')
    expect(await page.locator('#status').textContent()).toMatch(/^1 problem/)
    const line = json.slice(0, json.indexOf('ftp://')).split('\n').length
    expect(await issue.locator('.issue-line').textContent()).toBe(`line ${line}`)
    await issue.click()
    const selected = await page.locator('#json').evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))
    expect(selected).toBe('"ftp://shop.example.com/p/tote"')
    await page.locator('#json').fill('{ "text": "broken", }')
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Not valid JSON \(line 1, column \d+\)/)
    expect(await page.locator('.panes.stale').count()).toBe(1)
  })

  it('leaves a screenshot as a test artifact; no page errors, nothing fetched from the network', async () => {
    // A fresh load: the demo message with the default SMS budget.
    await page.reload()
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' })
    expect(await pane('sms').getByTestId('sms-segments').textContent()).toBe('3 of 10')
    await mkdir('test-results', { recursive: true })
    await page.screenshot({ path: SCREENSHOT, fullPage: true })
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      await mkdir('docs', { recursive: true })
      await page.screenshot({ path: 'docs/preview.png' })
    }
    expect(errors).toEqual([])
    expect(external).toEqual([])
  })
})
