// client.sendMany() of 100,000 requests from an async generator to a local server (its own
// process) that answers 1 % of requests with 429 (retry-after-ms: 5) and resets 0.5 % of
// connections. Checks every request is accounted for (sent + failed + unknown = total) and that
// the server accepted no message twice; reports throughput against a raw fetch() loop of the same
// requests at the same concurrency, and the peak RSS.
import { ensureBuild } from '../scripts/lib/build.js'
import { startProvider } from './lib/provider.js'

ensureBuild()
const { createClient } = await import('../dist/index.js')
const { createTwilioDriver } = await import('../dist/drivers/twilio.js')

const TOTAL = Number(process.env.SEND_MANY_TOTAL ?? 100_000)
const CONCURRENCY = 50
const SID = `AC${'a'.repeat(32)}`

let peakRss = 0
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 50)

// 1. The raw fetch() loop: same requests, same concurrency, no faults.
const raw = await startProvider({})
const rawUrl = `${raw.url}/2010-04-01/Accounts/${SID}/Messages.json`
let next = 0
const rawStart = performance.now()
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < TOTAL) {
      const i = next++
      const res = await fetch(rawUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${btoa(`${SID}:token-123456`)}` },
        body: new URLSearchParams({ To: '+14155550100', From: '+14155552345', Body: `Your code is ${i}` }),
      })
      JSON.parse(await res.text())
    }
  }),
)
const rawRate = TOTAL / ((performance.now() - rawStart) / 1000)
raw.child.kill()

// 2. sendMany with faults.
const faulty = await startProvider({ FAULT_429: '0.01', FAULT_RESET: '0.005' })
const driver = createTwilioDriver({ accountSid: SID, authToken: 'token-123456', from: '+14155552345', baseUrl: faulty.url })
const client = createClient({ channels: { sms: driver }, rateLimit: { sms: false } })
async function* requests() {
  for (let i = 0; i < TOTAL; i++) yield { to: '+14155550100', message: { text: `Your code is ${i}` } }
}
const rssBefore = process.memoryUsage().rss
const start = performance.now()
const batch = client.sendMany(requests(), { concurrency: CONCURRENCY })
let seen = 0
for await (const _item of batch) seen++
const rate = TOTAL / ((performance.now() - start) / 1000)
clearInterval(sampler)
const s = batch.summary
const server = await faulty.stats()
faulty.child.kill()

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`
console.log(`sendMany: ${TOTAL.toLocaleString('en-US')} requests from an async generator, concurrency ${CONCURRENCY}, 1 % 429 and 0.5 % resets (node ${process.version})`)
console.log(`  results read            ${seen.toLocaleString('en-US')}`)
console.log(`  sent / failed / unknown ${s.sent.toLocaleString('en-US')} / ${s.failed} / ${s.unknown}  (sum ${(s.sent + s.failed + s.unknown).toLocaleString('en-US')})`)
console.log(`  server: ${server.requests?.toLocaleString('en-US')} requests, ${server.faults429} × 429, ${server.resets} resets, ${server.accepted?.toLocaleString('en-US')} messages accepted, ${server.duplicates} accepted twice`)
console.log(`  every request accounted for: ${s.sent + s.failed + s.unknown === TOTAL && seen === TOTAL ? 'yes' : 'NO'}; duplicates: ${server.duplicates === 0 ? 'none' : server.duplicates}`)
console.log(`  throughput: ${Math.round(rate).toLocaleString('en-US')}/s vs raw fetch() loop ${Math.round(rawRate).toLocaleString('en-US')}/s (${(rate / rawRate).toFixed(2)}×, the faulty run includes retries)`)
console.log(`  peak RSS ${mb(peakRss)} (${mb(rssBefore)} before sendMany)`)
if (s.sent + s.failed + s.unknown !== TOTAL || server.duplicates !== 0) process.exit(1)
