import { type RequestListener, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import { createTwilioDriver } from '../../src/drivers/twilio/index.js'
import { type InboundEvent, createClient } from '../../src/index.js'
import { sendWebResponse, toWebRequest, webhookHandler } from '../../src/node/index.js'
import { hmac, toBase64 } from '../../src/webhooks/crypto.js'

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function listen(handler: RequestListener): Promise<string> {
  server = createServer(handler)
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`
}

describe('anychannel/node', () => {
  it('toWebRequest keeps method, URL, headers and the raw body bytes; sendWebResponse writes status, headers and body', async () => {
    let seen: { method: string; url: string; header: string | null; body: string } | undefined
    const base = await listen(async (req, res) => {
      const r = await toWebRequest(req)
      seen = { method: r.method, url: r.url, header: r.headers.get('x-thing'), body: await r.text() }
      await sendWebResponse(res, new Response('<Response/>', { status: 202, headers: { 'content-type': 'text/xml' } }))
    })
    const res = await fetch(`${base}/hooks/sms?x=1`, { method: 'POST', headers: { 'x-thing': 'yes' }, body: 'Body=%E2%9C%93+ok' })
    expect(res.status).toBe(202)
    expect(res.headers.get('content-type')).toBe('text/xml')
    expect(await res.text()).toBe('<Response/>')
    expect(seen).toEqual({ method: 'POST', url: `${base}/hooks/sms?x=1`, header: 'yes', body: 'Body=%E2%9C%93+ok' })
  })

  it('rebuilds the public URL from X-Forwarded-* only when the proxy is trusted', async () => {
    const urls: string[] = []
    const base = await listen(async (req, res) => {
      urls.push((await toWebRequest(req)).url, (await toWebRequest(req, { trustProxy: true })).url)
      res.end()
    })
    await fetch(`${base}/w`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.com' } })
    expect(urls).toEqual([`${base}/w`, 'https://hooks.example.com/w'])
  })

  it('webhookHandler verifies a signed Twilio webhook behind a proxy and answers with TwiML; rejects forgeries', async () => {
    const token = 'twilio-token-node-1'
    const sid = `AC${'4'.repeat(32)}`
    const client = createClient({ channels: { sms: createTwilioDriver({ accountSid: sid, authToken: token, from: '+14155552345' }) } })
    const inbound: InboundEvent[] = []
    client.on('inbound', (e) => inbound.push(e))
    const base = await listen(webhookHandler(client, (req) => req.url?.split('/')[2] ?? '', { trustProxy: true }))
    const publicUrl = 'https://hooks.example.com/webhooks/sms'
    const fields = { AccountSid: sid, Body: 'Hello', From: '+14155550100', MessageSid: 'SM_node_1', NumMedia: '0', To: '+14155552345' }
    const signature = toBase64(await hmac('SHA-1', token, publicUrl + Object.keys(fields).sort().map((k) => k + fields[k as keyof typeof fields]).join('')))
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.com' }
    const ok = await fetch(`${base}/webhooks/sms`, { method: 'POST', headers: { ...headers, 'x-twilio-signature': signature }, body: new URLSearchParams(fields) })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('<Response></Response>')
    expect(inbound).toEqual([expect.objectContaining({ from: '+14155550100', text: 'Hello' })])
    const forged = await fetch(`${base}/webhooks/sms`, { method: 'POST', headers: { ...headers, 'x-twilio-signature': signature }, body: new URLSearchParams({ ...fields, Body: 'Hellp' }) })
    expect(forged.status).toBe(401)
    expect(inbound).toHaveLength(1)
  })

  it('answers 500 when a listener throws, keeps serving, and the re-delivered event is handled again', async () => {
    const client = createClient({ channels: { sms: createMemoryDriver() } })
    let fail = true
    const got: string[] = []
    client.on('inbound', (e) => {
      if (fail) throw new Error('database down')
      got.push(e.providerMessageId)
    })
    const base = await listen(webhookHandler(client, 'sms'))
    const event = { type: 'inbound', channel: 'sms', provider: 'memory', from: '+14155550100', to: '', at: 0, text: 'hi', providerMessageId: 'in-9', raw: null }
    expect((await fetch(`${base}/x`, { method: 'POST', body: JSON.stringify(event) })).status).toBe(500)
    fail = false
    expect((await fetch(`${base}/x`, { method: 'POST', body: JSON.stringify(event) })).status).toBe(200)
    expect(got).toEqual(['in-9'])
  })

  it('answers 413 for a body over the limit', async () => {
    const client = createClient({ channels: { sms: createMemoryDriver() } })
    const base = await listen(webhookHandler(client, 'sms', { maxBodyBytes: 1000 }))
    const res = await fetch(`${base}/x`, { method: 'POST', body: 'x'.repeat(5000) })
    expect(res.status).toBe(413)
  })
})
