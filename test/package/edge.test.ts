import { runInContext, createContext } from 'node:vm'
import * as esbuild from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

// An edge-like runtime (Cloudflare Workers, Vercel Edge, Deno Deploy): Web globals only, no
// `process`, `require`, `Buffer` or Node built-ins. The built ESM entries are bundled with
// esbuild for a neutral platform (so an import of a Node built-in fails the build), then run in a
// fresh V8 context that has nothing but the Web globals below.
const WEB_GLOBALS = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'crypto',
  'AbortController',
  'AbortSignal',
  'setTimeout',
  'clearTimeout',
  'structuredClone',
  'console',
  'queueMicrotask',
  'DOMException',
  'Event',
  'EventTarget',
] as const

const ENTRY = `
import { card, createClient, image, link, message, parseMessage, reply, render, ValidationError } from 'anychannel'
import { segmentSms } from 'anychannel/sms'
import { createMemoryDriver } from 'anychannel/drivers/memory'

export async function run() {
  const msg = message({
    text: 'Your order **#1234** has shipped',
    cards: [
      card({ title: 'Shirt', text: 'Size M', media: image('https://shop.example.com/shirt.jpg'), buttons: [link('View', 'https://shop.example.com/p/1')] }),
      card({ title: 'Tote', text: 'Canvas', buttons: [reply('Buy again', 'REORDER')] }),
    ],
    quickReplies: [reply('Track', 'TRACK'), reply('Help', 'HELP')],
  })
  const rcs = render(msg, 'rcs')
  const sms = render(msg, 'sms')
  let invalid
  try {
    parseMessage({ text: 'x', quickReplies: [{ type: 'reply', title: '', payload: 'A' }] })
  } catch (error) {
    invalid = { isValidationError: ValidationError.isInstance(error), paths: error.issues.map((i) => i.path.join('.')) }
  }
  const driver = createMemoryDriver()
  const client = createClient({ channels: { sms: driver } })
  const sent = await client.send({ to: '+14155550100', message: msg })
  await client.close()
  return JSON.stringify({
    rcs: { cards: rcs.messages.flatMap((m) => m.cards ?? []).length, quickReplies: rcs.messages.flatMap((m) => m.quickReplies ?? []).length },
    sms: { text: sms.messages[0]?.text, info: sms.sms, replies: sms.replies.map((r) => r.payload) },
    segments: segmentSms('€'.repeat(81)),
    unicode: segmentSms('Hi 👋').encoding,
    invalid,
    sent: { status: sent.status, channel: sent.channel, ids: sent.providerMessageIds, stored: driver.sent.length, text: driver.sent[0]?.message.text },
  })
}
`

interface Summary {
  rcs: { cards: number; quickReplies: number }
  sms: { text: string; info: { encoding: string; segments: number; units: number }; replies: string[] }
  segments: { encoding: string; units: number; segments: string[] }
  unicode: string
  invalid: { isValidationError: boolean; paths: string[] }
  sent: { status: string; channel: string; ids: string[]; stored: number; text: string }
}

let bundle: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[]; metafile: esbuild.Metafile }

beforeAll(async () => {
  // Resolves `anychannel` through the package's own exports map to dist/ (built by global-setup).
  bundle = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: process.cwd(), sourcefile: 'edge-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    metafile: true,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    format: 'iife',
    globalName: 'edge',
    target: 'es2022',
    logLevel: 'silent',
  })
})

async function runInEdge(): Promise<{ summary: Summary; globals: unknown }> {
  const sandbox: Record<string, unknown> = {}
  for (const name of WEB_GLOBALS) sandbox[name] = (globalThis as Record<string, unknown>)[name]
  const context = createContext(sandbox)
  // Read before the bundle runs: esbuild's output may define its own helpers, not globals.
  const globals = JSON.parse(
    runInContext(`JSON.stringify(['process', 'require', 'Buffer', 'module', 'global', 'setImmediate'].map((n) => [n, typeof globalThis[n]]))`, context) as string,
  ) as unknown
  runInContext(bundle.outputFiles[0]?.text ?? '', context, { filename: 'edge-bundle.js' })
  const edge = runInContext('edge', context) as { run(): Promise<string> }
  return { summary: JSON.parse(await edge.run()) as Summary, globals }
}

describe('edge-like runtime (no process, no Node built-ins)', () => {
  it('bundles the built ESM entries for a neutral platform, from dist/ only', () => {
    const inputs = Object.keys(bundle.metafile.inputs)
    const own = inputs.filter((i) => !i.includes('node_modules/') && i !== 'edge-entry.js')
    expect(own.length).toBeGreaterThan(0)
    expect(own.every((i) => i.startsWith('dist/') && i.endsWith('.js'))).toBe(true)
  })

  it('runs builders, render(), parseMessage, segmentSms and createClient with the memory driver', async () => {
    const { summary: r, globals } = await runInEdge()
    expect(globals).toEqual([
      ['process', 'undefined'],
      ['require', 'undefined'],
      ['Buffer', 'undefined'],
      ['module', 'undefined'],
      ['global', 'undefined'],
      ['setImmediate', 'undefined'],
    ])
    expect(r.rcs).toEqual({ cards: 2, quickReplies: 2 })
    expect(r.sms.text).toContain('Your order #1234 has shipped')
    expect(r.sms.text).toContain('1. Tote - Canvas (Buy again)')
    expect(r.sms.text).toContain('Reply 2 for Track, 3 for Help')
    expect(r.sms.info).toEqual({ encoding: 'GSM-7', segments: 2, units: r.sms.text.length })
    expect(r.sms.replies).toEqual(['REORDER', 'TRACK', 'HELP'])
    expect(r.segments).toMatchObject({ encoding: 'GSM-7', units: 162 })
    expect(r.segments.segments.map((s) => s.length)).toEqual([76, 5])
    expect(r.unicode).toBe('UCS-2')
    expect(r.invalid).toEqual({ isValidationError: true, paths: ['quickReplies.0.title'] })
    expect(r.sent).toMatchObject({ status: 'sent', channel: 'sms', stored: 1 })
    expect(r.sent.text).toBe(r.sms.text)
    expect(r.sent.ids).toHaveLength(1)
  })
})
