// The fault matrix: every fault × one driver, through client.send() against the real local server.
// Each cell must end in exactly one accepted message or a typed error — never two accepted
// messages for one send(), never a pending promise, never an unhandled rejection, never a secret
// in an error or an event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverV1 } from '../../src/drivers/contract.js'
import { createLineDriver } from '../../src/drivers/line/index.js'
import { createMessengerDriver } from '../../src/drivers/messenger/index.js'
import { createRbmDriver } from '../../src/drivers/rbm/index.js'
import { createTelegramDriver } from '../../src/drivers/telegram/index.js'
import { createTwilioDriver } from '../../src/drivers/twilio/index.js'
import { createVonageDriver } from '../../src/drivers/vonage/index.js'
import { createWhatsAppDriver } from '../../src/drivers/whatsapp/index.js'
import { AnychannelError, type ClientEventName, DeliveryUnknownError, SendError, createClient } from '../../src/index.js'
import { type Dialect, type Fault, type FaultServer, refusedUrl, startFaultServer } from './fault-server.js'

const SECRETS: Record<Dialect, string[]> = {
  twilio: ['twilio-auth-token-9f8e7d6c'],
  whatsapp: ['EAAG-whatsapp-access-token-5a4b3c'],
  telegram: ['123456789:AAE-telegram-bot-token_XyZ'],
  vonage: ['vonage-api-secret-1a2b3c'],
  messenger: ['EAAP-messenger-page-token-7c6b5a'],
  line: ['line-channel-access-token-3e4f5a'],
  rbm: ['ya29.rbm-oauth-token-8d9e0f'],
}

function driverFor(dialect: Dialect, baseUrl: string): { driver: DriverV1; to: string } {
  switch (dialect) {
    case 'twilio':
      return { driver: createTwilioDriver({ accountSid: `AC${'a'.repeat(32)}`, authToken: SECRETS.twilio[0] as string, from: '+14155552345', baseUrl }), to: '+14155550100' }
    case 'whatsapp':
      return { driver: createWhatsAppDriver({ phoneNumberId: '106540352242922', accessToken: SECRETS.whatsapp[0] as string, baseUrl }), to: '+14155550100' }
    case 'telegram':
      return { driver: createTelegramDriver({ botToken: SECRETS.telegram[0] as string, baseUrl }), to: '123456789' }
    case 'vonage':
      return { driver: createVonageDriver({ apiKey: 'abcd1234', apiSecret: SECRETS.vonage[0] as string, from: 'Acme', channel: 'sms', baseUrl }), to: '+14155550100' }
    case 'messenger':
      return { driver: createMessengerDriver({ pageAccessToken: SECRETS.messenger[0] as string, baseUrl }), to: '6789012345678901' }
    case 'line':
      return { driver: createLineDriver({ channelAccessToken: SECRETS.line[0] as string, baseUrl }), to: `U${'4'.repeat(32)}` }
    case 'rbm':
      return { driver: createRbmDriver({ agentId: 'acme_agent', accessToken: SECRETS.rbm[0] as string, baseUrl }), to: '+14155550100' }
  }
}

/**
 * Providers that de-duplicate on our key (LINE's retry key, RBM's messageId): the client may retry
 * anything that could be transient, so every fault below ends in exactly one accepted message.
 */
const NATIVE: ReadonlySet<Dialect> = new Set(['line', 'rbm'])

type Expect = 'sent' | 'failed' | 'unknown'

/** What each fault must end in, for a driver whose provider has no idempotency key (`native`: for one that has). */
type Cell = { outcome: Expect; accepted: number }
const SENT: Cell = { outcome: 'sent', accepted: 1 }
const MATRIX: Array<{ fault: Fault; none: Cell; native: Cell; only?: Dialect }> = [
  { fault: 'ok', none: SENT, native: SENT },
  { fault: '429-retry-after-ms', none: SENT, native: SENT },
  { fault: '429-retry-after-seconds', none: SENT, native: SENT },
  { fault: '429-retry-after-date', none: SENT, native: SENT },
  { fault: '429-telegram-retry_after', none: SENT, native: SENT, only: 'telegram' },
  { fault: '429-no-delay', none: SENT, native: SENT },
  { fault: '500', none: { outcome: 'failed', accepted: 0 }, native: SENT },
  { fault: '502', none: { outcome: 'unknown', accepted: 0 }, native: SENT },
  { fault: '503-retry-after', none: SENT, native: SENT },
  { fault: '503', none: { outcome: 'failed', accepted: 0 }, native: SENT },
  { fault: '504', none: { outcome: 'unknown', accepted: 0 }, native: SENT },
  { fault: 'hang', none: { outcome: 'unknown', accepted: 0 }, native: SENT },
  { fault: 'reset-before-body', none: { outcome: 'unknown', accepted: 0 }, native: SENT },
  { fault: 'reset-after-body', none: { outcome: 'unknown', accepted: 0 }, native: SENT },
  // The provider took it but its answer is unreadable: a retry with the same key is told "already accepted".
  { fault: 'malformed-json', none: { outcome: 'unknown', accepted: 1 }, native: SENT },
  { fault: 'html-500', none: { outcome: 'failed', accepted: 0 }, native: SENT },
  { fault: 'slow-ok', none: SENT, native: SENT },
]

/** Rejects if `p` is still pending after `ms`: a promise left pending is a failure. */
function settleWithin<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms))])
}

function everything(value: unknown): string {
  const seen = new Set<unknown>()
  const walk = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return String(v)
    if (seen.has(v)) return ''
    seen.add(v)
    const parts: string[] = []
    if (v instanceof Error) parts.push(v.message, v.stack ?? '', walk((v as { cause?: unknown }).cause))
    if (AnychannelError.isInstance(v)) parts.push(JSON.stringify(v.toJSON()))
    for (const x of Object.values(v)) parts.push(walk(x))
    return parts.join('\n')
  }
  return walk(value)
}

export function runFaultMatrix(dialect: Dialect): void {
  describe(`fault matrix: ${dialect}`, () => {
    let server: FaultServer
    const unhandled: unknown[] = []
    const onUnhandled = (e: unknown) => unhandled.push(e)
    beforeAll(async () => {
      server = await startFaultServer(dialect)
      process.on('unhandledRejection', onUnhandled)
    })
    afterAll(async () => {
      process.off('unhandledRejection', onUnhandled)
      await server.close()
      expect(unhandled).toEqual([])
    })

    for (const row of MATRIX.filter((c) => !c.only || c.only === dialect)) {
      const cell = NATIVE.has(dialect) ? row.native : row.none
      it(`${row.fault} → ${cell.outcome}`, async () => {
        const { driver, to } = driverFor(dialect, server.url)
        const client = createClient({
          channels: { [driver.channel]: driver },
          timeout: 400,
          retry: { initialDelayMs: 20, maxDelayMs: 40 },
          rateLimit: { [driver.channel]: false },
        })
        const events: unknown[] = []
        for (const name of ['attempt', 'retry', 'failover', 'sent', 'failed', 'unknown', 'degraded'] as ClientEventName[]) client.on(name, (e) => events.push(e))
        server.script = [row.fault]
        server.accepted = 0
        const outcome = await settleWithin(
          client.send({ to, message: { text: 'Your code is 123456' } }).then(
            (r) => ({ kind: 'sent' as const, value: r as unknown }),
            (e: unknown) => ({ kind: DeliveryUnknownError.isInstance(e) ? ('unknown' as const) : ('failed' as const), value: e }),
          ),
          5_000,
        )
        expect(outcome.kind).toBe(cell.outcome)
        if (outcome.kind === 'failed') expect(SendError.isInstance(outcome.value), String(outcome.value)).toBe(true)
        expect(server.accepted).toBe(cell.accepted)
        expect(server.accepted).toBeLessThanOrEqual(1)
        const dump = everything(outcome.value) + everything(events)
        for (const secret of SECRETS[dialect]) expect(dump.includes(secret), `secret in ${dump.slice(0, 400)}`).toBe(false)
        server.script = []
      })
    }

    it('connection refused → retried, then a typed error; nothing accepted', async () => {
      const { driver, to } = driverFor(dialect, await refusedUrl())
      const client = createClient({ channels: { [driver.channel]: driver }, retry: { initialDelayMs: 5, maxDelayMs: 10 }, rateLimit: { [driver.channel]: false } })
      const err = await settleWithin(client.send({ to, message: { text: 'x' } }).catch((e: unknown) => e), 5_000)
      expect(SendError.isInstance(err)).toBe(true)
      expect((err as SendError).attempts.map((a) => a.error?.code)).toEqual(['CONNECTION_ERROR', 'CONNECTION_ERROR', 'CONNECTION_ERROR'])
      for (const secret of SECRETS[dialect]) expect(everything(err).includes(secret)).toBe(false)
    })
  })
}
