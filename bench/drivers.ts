// Per-send overhead of each driver: client.send() through the driver against a local HTTP server
// (its own process, on 127.0.0.1) versus a raw fetch() of the very same request, both at
// concurrency 50, in the same run. Target: anychannel ≥ 0.8× raw fetch throughput.
import { ensureBuild } from '../scripts/lib/build.js'
import { startProvider } from './lib/provider.js'

ensureBuild()
const { createClient } = await import('../dist/index.js')
const { createTwilioDriver } = await import('../dist/drivers/twilio.js')
const { createWhatsAppDriver } = await import('../dist/drivers/whatsapp.js')
const { createTelegramDriver } = await import('../dist/drivers/telegram.js')
const { createVonageDriver } = await import('../dist/drivers/vonage.js')

const CONCURRENCY = 50
const N = 4000
const ROUNDS = 3
const TARGET = 0.8

type Dialect = 'twilio' | 'whatsapp' | 'telegram' | 'vonage'

async function pool(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await fn(next++)
    }),
  )
  return n / ((performance.now() - start) / 1000)
}

function driverFor(dialect: Dialect, baseUrl: string, fetch: typeof globalThis.fetch) {
  switch (dialect) {
    case 'twilio':
      return { driver: createTwilioDriver({ accountSid: `AC${'a'.repeat(32)}`, authToken: 'token-123456', from: '+14155552345', baseUrl, fetch }), to: '+14155550100' }
    case 'whatsapp':
      return { driver: createWhatsAppDriver({ phoneNumberId: '106540352242922', accessToken: 'EAAG-token-123456', baseUrl, fetch }), to: '+14155550100' }
    case 'telegram':
      return { driver: createTelegramDriver({ botToken: '123456789:AAE-token_123456', baseUrl, fetch }), to: '123456789' }
    case 'vonage':
      return { driver: createVonageDriver({ apiKey: 'abcd1234', apiSecret: 'secret-123456', from: 'Acme', channel: 'sms', baseUrl, fetch }), to: '+14155550100' }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const fmt = (x: number) => Math.round(x).toLocaleString('en-US')

console.log(`driver overhead: client.send() vs raw fetch() of the same request, ${N} sends, concurrency ${CONCURRENCY}, median of ${ROUNDS} (node ${process.version})`)
console.log('driver     raw fetch/s   anychannel/s   ratio   target ≥ 0.8')
for (const dialect of ['twilio', 'whatsapp', 'telegram', 'vonage'] as const) {
  const { url, child } = await startProvider({ DIALECT: dialect })
  // Capture the exact request the driver makes, to replay it with a bare fetch().
  let captured: { url: string; init: RequestInit } | undefined
  const recorder: typeof fetch = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init)
    captured ??= { url: req.url, init: { method: req.method, headers: [...req.headers], body: await req.clone().text() } }
    return fetch(req)
  }
  const message = { text: 'Your code is 123456' }
  const probe = driverFor(dialect, url, recorder)
  await createClient({ channels: { [probe.driver.channel]: probe.driver }, rateLimit: { [probe.driver.channel]: false } }).send({ to: probe.to, message })
  const request = captured as { url: string; init: RequestInit }
  // Measured with the global fetch, like the raw loop: the recorder was only for the capture.
  const { driver, to } = driverFor(dialect, url, fetch)
  const client = createClient({ channels: { [driver.channel]: driver }, rateLimit: { [driver.channel]: false } })
  const raw = async () => {
    const res = await fetch(request.url, request.init)
    JSON.parse(await res.text())
  }
  const ours = () => client.send({ to, message })
  await pool(500, raw)
  await pool(500, ours)
  const rawRuns: number[] = []
  const ourRuns: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    rawRuns.push(await pool(N, raw))
    ourRuns.push(await pool(N, ours))
  }
  const ratio = median(ourRuns) / median(rawRuns)
  console.log(`${dialect.padEnd(10)} ${fmt(median(rawRuns)).padStart(11)}   ${fmt(median(ourRuns)).padStart(12)}   ${ratio.toFixed(2).padStart(5)}   ${ratio >= TARGET ? 'met' : 'NOT met'}`)
  child.kill()
}
