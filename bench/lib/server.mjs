// A provider stand-in for benchmarks, run in its own process so it does not share the client's
// event loop: answers like Twilio's Create Message, optionally with injected faults, and counts
// how many times each message id (the last token of Body) was accepted.
import { createServer } from 'node:http'

const dialect = process.env.DIALECT ?? 'twilio'
const rate429 = Number(process.env.FAULT_429 ?? 0)
const rateReset = Number(process.env.FAULT_RESET ?? 0)
const accepted = new Map()
let requests = 0
let faults429 = 0
let resets = 0
let rnd = 0x2545f491
const random = () => {
  // xorshift: deterministic fault placement run to run
  rnd ^= rnd << 13
  rnd ^= rnd >>> 17
  rnd ^= rnd << 5
  return (rnd >>> 0) / 0x100000000
}

const SUCCESS = {
  twilio: (n) => [201, { sid: `SM${String(n).padStart(32, '0')}`, status: 'queued' }],
  whatsapp: (n) => [200, { messaging_product: 'whatsapp', contacts: [{ input: '14155550100', wa_id: '14155550100' }], messages: [{ id: `wamid.${n}` }] }],
  telegram: (n) => [200, { ok: true, result: { message_id: n, date: 1700000000, chat: { id: 123456789, type: 'private' }, text: 'x' } }],
  vonage: (n) => [202, { message_uuid: `aaaaaaaa-bbbb-4ccc-8ddd-${String(n).padStart(12, '0')}` }],
}

const server = createServer((req, res) => {
  if (req.url === '/stats') {
    let duplicates = 0
    for (const n of accepted.values()) if (n > 1) duplicates++
    res.writeHead(200, { 'content-type': 'application/json' })
    return res.end(JSON.stringify({ requests, accepted: accepted.size, duplicates, faults429, resets }))
  }
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    requests++
    const r = random()
    if (r < rate429) {
      faults429++
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': '5' })
      return res.end(JSON.stringify({ code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 }))
    }
    if (r < rate429 + rateReset) {
      resets++
      return req.socket.destroy()
    }
    const body = Buffer.concat(chunks).toString()
    if (dialect === 'twilio') {
      const text = new URLSearchParams(body).get('Body') ?? body
      const id = text.slice(text.lastIndexOf(' ') + 1)
      accepted.set(id, (accepted.get(id) ?? 0) + 1)
    }
    const [status, answer] = SUCCESS[dialect](requests)
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(answer))
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }))
