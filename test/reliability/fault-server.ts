// A real HTTP server on 127.0.0.1 that speaks each provider's dialect and misbehaves on demand:
// 429 with every Retry-After form, 500/502/503/504, hanging, resetting the connection before or
// after reading the body, malformed JSON, an HTML error page, a slow success. It counts the
// success answers it gave, so a test can prove one send() was never accepted twice.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Dialect = 'twilio' | 'whatsapp' | 'telegram' | 'vonage' | 'messenger' | 'line' | 'rbm'

/**
 * Where a provider that de-duplicates finds our idempotency key: a repeat of an accepted key is
 * answered the way that provider answers it (LINE: 409 with the accepted request id; RBM: 409
 * ALREADY_EXISTS), never accepted a second time.
 */
function idempotencyKey(dialect: Dialect, req: IncomingMessage): string | undefined {
  if (dialect === 'line') return req.headers['x-line-retry-key'] as string | undefined
  if (dialect === 'rbm') return new URL(req.url ?? '/', 'http://x').searchParams.get('messageId') ?? undefined
  return undefined
}

export type Fault =
  | 'ok'
  | '429-retry-after-ms'
  | '429-retry-after-seconds'
  | '429-retry-after-date'
  | '429-telegram-retry_after'
  | '429-no-delay'
  | '500'
  | '502'
  | '503-retry-after'
  | '503'
  | '504'
  | 'hang'
  | 'reset-before-body'
  | 'reset-after-body'
  | 'malformed-json'
  | 'html-500'
  | 'slow-ok'

let serial = 0

function success(dialect: Dialect): { status: number; body: unknown } {
  const n = ++serial
  switch (dialect) {
    case 'twilio':
      return { status: 201, body: { sid: `SM${String(n).padStart(32, '0')}`, status: 'queued' } }
    case 'whatsapp':
      return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: '14155550100', wa_id: '14155550100' }], messages: [{ id: `wamid.${n}` }] } }
    case 'telegram':
      return { status: 200, body: { ok: true, result: { message_id: n, date: 1_700_000_000, chat: { id: 123456789, type: 'private' }, text: 'x' } } }
    case 'vonage':
      return { status: 202, body: { message_uuid: `aaaaaaaa-bbbb-4ccc-8ddd-${String(n).padStart(12, '0')}` } }
    case 'messenger':
      return { status: 200, body: { recipient_id: '6789012345678901', message_id: `m_${n}` } }
    case 'line':
      return { status: 200, body: { sentMessages: [{ id: String(400000000000 + n), quoteToken: `q${n}` }] } }
    case 'rbm':
      return { status: 200, body: { name: `phones/+14155550100/agentMessages/${n}`, sendTime: '2026-11-25T12:00:00Z' } }
  }
}

function error(dialect: Dialect, status: number, telegramRetryAfter?: number): unknown {
  switch (dialect) {
    case 'twilio':
      return { code: status === 429 ? 20429 : 20500 + (status - 500), message: `HTTP ${status}`, more_info: 'https://www.twilio.com/docs/errors', status }
    case 'whatsapp':
      // 131000 "Something went wrong" is not documented as transient (code 2 would be retried).
      return { error: { message: status === 429 ? '(#130429) Rate limit hit' : '(#131000) Something went wrong', type: 'OAuthException', code: status === 429 ? 130429 : 131000, fbtrace_id: 'trace' } }
    case 'telegram':
      return { ok: false, error_code: status, description: status === 429 ? 'Too Many Requests: retry after 1' : 'Internal Server Error', ...(telegramRetryAfter !== undefined ? { parameters: { retry_after: telegramRetryAfter } } : {}) }
    case 'vonage':
      return { type: `https://developer.vonage.com/api-errors#${status === 429 ? 'throttled' : 'internal-error'}`, title: `HTTP ${status}`, detail: 'fault injection', instance: 'bf0ca0bf927b3b52e3cb03217e1a1ddf' }
    case 'messenger':
      // 1 "An unknown error occurred" is not documented as transient (2 and 1200 would be retried).
      return { error: { message: status === 429 ? '(#613) Calls to this api have exceeded the rate limit.' : 'An unknown error occurred', type: 'OAuthException', code: status === 429 ? 613 : 1, fbtrace_id: 'trace' } }
    case 'line':
      return { message: status === 429 ? 'The API rate limit has been exceeded. Try again later.' : 'An error occurred in the backend server.' }
    case 'rbm':
      return { error: { code: status, message: 'fault injection', status: status === 429 ? 'RESOURCE_EXHAUSTED' : status === 503 ? 'UNAVAILABLE' : 'INTERNAL' } }
  }
}

export interface FaultServer {
  url: string
  /** Faults to apply to the next requests, in order; then 'ok'. */
  script: Fault[]
  /**
   * Messages the provider took: success answers given (and unreadable 2xx); for providers that
   * de-duplicate, distinct idempotency keys.
   */
  accepted: number
  /** Requests whose body was read in full (the provider "has" them). */
  received: number
  close(): Promise<void>
}

export async function startFaultServer(dialect: Dialect): Promise<FaultServer> {
  const sockets = new Set<import('node:net').Socket>()
  const state: FaultServer = {
    url: '',
    script: [],
    accepted: 0,
    received: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': dialect === 'vonage' && status >= 400 ? 'application/problem+json' : 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const keys = new Set<string>()
  const accept = (key: string | undefined) => {
    if (key !== undefined) keys.add(key)
    state.accepted++
  }
  const ok = (res: ServerResponse, key: string | undefined) => {
    const s = success(dialect)
    accept(key)
    json(res, s.status, s.body)
  }
  const repeat = (res: ServerResponse) => {
    if (dialect === 'line')
      return json(res, 409, { message: 'The retry key is already accepted', sentMessages: [{ id: '400000000001' }] }, { 'x-line-accepted-request-id': 'accepted-1' })
    return json(res, 409, { error: { code: 409, message: 'Requested entity already exists', status: 'ALREADY_EXISTS' } })
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const key = idempotencyKey(dialect, req)
    const fault = state.script.shift() ?? 'ok'
    if (fault === 'reset-before-body') {
      req.socket.destroy()
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      state.received++
      if (key !== undefined && keys.has(key)) return repeat(res)
      switch (fault) {
        case 'ok':
          return ok(res, key)
        case 'slow-ok':
          return void setTimeout(() => ok(res, key), 150)
        case '429-retry-after-ms':
          return json(res, 429, error(dialect, 429), { 'retry-after-ms': '30' })
        case '429-retry-after-seconds':
          return json(res, 429, error(dialect, 429), { 'retry-after': '0' })
        case '429-retry-after-date':
          return json(res, 429, error(dialect, 429), { 'retry-after': new Date(Date.now() - 1000).toUTCString() })
        case '429-telegram-retry_after':
          return json(res, 429, error(dialect, 429, 1))
        case '429-no-delay':
          return json(res, 429, error(dialect, 429))
        case '500':
        case '502':
        case '504':
          return json(res, Number(fault), error(dialect, Number(fault)))
        case '503-retry-after':
          return json(res, 503, error(dialect, 503), { 'retry-after': '0' })
        case '503':
          return json(res, 503, error(dialect, 503))
        case 'hang':
          return // never answer; the client's timeout must end it
        case 'reset-after-body':
          return void req.socket.destroy()
        case 'malformed-json':
          accept(key) // a 2xx: the provider took it, we just cannot read its answer
          res.writeHead(dialect === 'twilio' ? 201 : 200, { 'content-type': 'application/json' })
          return void res.end('{"sid": "SM1", "status": ')
        case 'html-500':
          res.writeHead(500, { 'content-type': 'text/html' })
          return void res.end('<html><body><h1>500 Internal Server Error</h1></body></html>')
      }
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

/** An address where nothing listens: connecting fails before anything is sent. */
export async function refusedUrl(): Promise<string> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
