/**
 * The webhook checks every Meta driver (WhatsApp Cloud API, Messenger) must pass: the
 * `X-Hub-Signature-256` vectors of its contract folder, and the `hub.challenge` handshake. Each
 * driver's test file runs it with its own vectors and constructor, so a driver that drifts from
 * the shared scheme fails here under its own name.
 */
import { describe, expect, it } from 'vitest'
import type { DriverV1 } from '../../../src/drivers/contract.js'

export type MetaSignatureVector = { name: string; appSecret: string; rawBody: string; expected: string }

export interface MetaWebhookSuite {
  /** The driver name, for the describe titles. */
  name: string
  /** The URL the requests are sent to. */
  hook: string
  vectors: readonly MetaSignatureVector[]
  driverFor(appSecret: string, extra?: { verifyToken?: string; maxWebhookBytes?: number }): DriverV1
  /** The driver built without an app secret: it must have no webhook. */
  withoutSecret(): DriverV1
  /** Validates the handshake query against the contract, when the contract has a schema for it. */
  validateQuery?: (query: unknown) => string[]
}

export function describeMetaWebhook(s: MetaWebhookSuite): void {
  const signed = (v: MetaSignatureVector, o: { body?: string; signature?: string | null; url?: string; header?: string } = {}) => {
    const headers = new Headers({ 'content-type': 'application/json' })
    if (o.signature !== null) headers.set(o.header ?? 'x-hub-signature-256', o.signature ?? v.expected)
    return new Request(o.url ?? s.hook, { method: 'POST', headers, body: o.body ?? v.rawBody })
  }
  const first = () => s.vectors[0] as MetaSignatureVector

  describe(`${s.name} webhook signature (X-Hub-Signature-256)`, () => {
    it('has signature vectors from the contract', () => expect(s.vectors.length).toBeGreaterThan(0))

    for (const v of s.vectors) {
      it(`verifies the ${v.name} vector`, async () => {
        expect(await s.driverFor(v.appSecret).webhook?.verify(signed(v))).toBe(true)
      })

      it(`rejects the ${v.name} vector when tampered`, async () => {
        const d = s.driverFor(v.appSecret)
        // one byte of the body
        const at = Math.min(30, v.rawBody.length - 1)
        const flipped = v.rawBody.slice(0, at) + String.fromCharCode(v.rawBody.charCodeAt(at) ^ 1) + v.rawBody.slice(at + 1)
        expect(await d.webhook?.verify(signed(v, { body: flipped }))).toBe(false)
        // one hex digit of the signature
        const last = v.expected.at(-1) === '0' ? '1' : '0'
        expect(await d.webhook?.verify(signed(v, { signature: v.expected.slice(0, -1) + last }))).toBe(false)
        // no header; only the old SHA-1 header; the hex without its "sha256=" prefix; an empty one
        expect(await d.webhook?.verify(signed(v, { signature: null }))).toBe(false)
        expect(await d.webhook?.verify(signed(v, { header: 'x-hub-signature', signature: `sha1=${'0'.repeat(40)}` }))).toBe(false)
        expect(await d.webhook?.verify(signed(v, { signature: v.expected.replace('sha256=', '') }))).toBe(false)
        expect(await d.webhook?.verify(signed(v, { signature: '' }))).toBe(false)
        // another app's secret
        expect(await s.driverFor('some_other_app_secret').webhook?.verify(signed(v))).toBe(false)
      })
    }

    it('signs the body only: another URL or host verifies the same (Meta does not sign the URL, so a proxy changes nothing)', async () => {
      const v = first()
      expect(await s.driverFor(v.appSecret).webhook?.verify(signed(v, { url: 'http://10.0.0.7:8080/internal/hook?x=1' }))).toBe(true)
    })

    it('accepts the hex in upper case; re-serialised JSON fails', async () => {
      const v = first()
      const d = s.driverFor(v.appSecret)
      expect(await d.webhook?.verify(signed(v, { signature: `sha256=${v.expected.slice(7).toUpperCase()}` }))).toBe(true)
      expect(await d.webhook?.verify(signed(v, { body: JSON.stringify(JSON.parse(v.rawBody), null, 1) }))).toBe(false)
    })

    it('refuses bodies over the size limit, and leaves the body readable for parse()', async () => {
      const v = first()
      expect(await s.driverFor(v.appSecret, { maxWebhookBytes: 64 }).webhook?.verify(signed(v))).toBe(false)
      const d = s.driverFor(v.appSecret)
      const req = signed(v)
      expect(await d.webhook?.verify(req)).toBe(true)
      expect(await d.webhook?.parse(req)).toHaveLength(1)
    })

    it('has no webhook without an app secret', () => {
      expect(s.withoutSecret().webhook).toBeUndefined()
    })
  })

  describe(`${s.name} subscription handshake (hub.challenge)`, () => {
    const d = s.driverFor('secret_abcdef', { verifyToken: 'my-verify-token' })
    const get = (q: Record<string, string>) => new Request(`${s.hook}?${new URLSearchParams(q)}`, { method: 'GET' })
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token', 'hub.challenge': '1158201444' }

    it('echoes the challenge as plain text when the verify token matches', async () => {
      if (s.validateQuery) expect(s.validateQuery(query)).toEqual([])
      const res = await d.webhook?.handshake?.(get(query))
      expect(res?.status).toBe(200)
      expect(res?.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(await res?.text()).toBe('1158201444')
    })

    it('answers 403 to a wrong or missing token, another mode, or a driver without verifyToken', async () => {
      for (const q of [{ ...query, 'hub.verify_token': 'guess' }, { 'hub.mode': 'subscribe', 'hub.challenge': '1' }, { ...query, 'hub.mode': 'unsubscribe' }]) {
        const res = await d.webhook?.handshake?.(get(q))
        expect(res?.status, JSON.stringify(q)).toBe(403)
        expect(await res?.text()).not.toContain(q['hub.challenge'] ?? '')
      }
      expect((await s.driverFor('secret_abcdef').webhook?.handshake?.(get(query)))?.status).toBe(403)
    })

    it('is not a handshake: a POST, or a GET without hub.* parameters', async () => {
      expect(await d.webhook?.handshake?.(new Request(`${s.hook}?${new URLSearchParams(query)}`, { method: 'POST', body: '{}' }))).toBeUndefined()
      expect(await d.webhook?.handshake?.(get({ page: '1' }))).toBeUndefined()
    })

    it('acknowledges with a bare 200', async () => {
      const res = d.webhook?.acknowledge?.([])
      expect(res?.status).toBe(200)
      expect(await res?.text()).toBe('')
    })
  })
}
