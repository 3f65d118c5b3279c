/**
 * Adapters between Node's `http` module and the Fetch API objects `client.handleWebhook()` speaks.
 * Structural types only: no Node import, so this entry also type-checks in other runtimes.
 *
 * @module
 */
import type { Client } from '../client/client.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, bytes, concatBytes } from '../webhooks/crypto.js'

/**
 * The parts of `http.IncomingMessage` the adapter reads. Iterating it yields the body's chunks, as
 * an `IncomingMessage` does.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  /** The request method, e.g. `'POST'` (`'GET'` when absent). */
  method?: string | undefined
  /** The request target: path and query string, e.g. `'/webhooks/sms?x=1'` (`'/'` when absent). */
  url?: string | undefined
  /** Request headers with lower-case names; a repeated header as an array. */
  headers: Record<string, string | string[] | undefined>
  /** `http.IncomingMessage#socket`; a TLS socket has `encrypted: true`. */
  socket?: unknown
}

/** The parts of `http.ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  /** The HTTP status to send. */
  statusCode: number
  /** Sets one response header (before the body is written). */
  setHeader(name: string, value: string | string[]): unknown
  /** Writes the body, if any, and finishes the response. */
  end(chunk?: Uint8Array | string): unknown
}

/** Options of {@link toWebRequest}. */
export interface ToWebRequestOptions {
  /**
   * Trust `X-Forwarded-Proto` and `X-Forwarded-Host` (behind a proxy or load balancer you run).
   * Signatures that cover the URL (Twilio) need the public URL: set this, or the driver's `webhookUrl`.
   * @defaultValue `false`
   */
  trustProxy?: boolean
  /** Largest body read, in bytes; a larger one rejects with a `RangeError`. @defaultValue 1 MiB */
  maxBodyBytes?: number
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

/**
 * Turns a Node `IncomingMessage` into a Fetch `Request` (the body read in full, bytes untouched, so
 * signatures over the raw body still verify). The URL is rebuilt from the socket (`https` for a TLS
 * socket) and the `Host` header, or with `trustProxy` from `X-Forwarded-Proto`/`-Host`; a GET or
 * HEAD request gets no body.
 *
 * @throws {RangeError} when the body is larger than `maxBodyBytes`.
 * @throws {TypeError} when the URL built from the headers is not a valid URL.
 * @example
 * ```ts
 * http.createServer(async (req, res) => {
 *   const response = await client.handleWebhook('sms', await toWebRequest(req))
 *   await sendWebResponse(res, response)
 * })
 * ```
 */
export async function toWebRequest(req: NodeRequestLike, options: ToWebRequestOptions = {}): Promise<Request> {
  const max = options.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES
  const proto = (options.trustProxy && first(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim()) || ((req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http')
  const host = (options.trustProxy && first(req.headers['x-forwarded-host'])) || first(req.headers.host) || 'localhost'
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  const method = (req.method ?? 'GET').toUpperCase()
  let body: Uint8Array<ArrayBuffer> | undefined
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of req) {
      const b = bytes(chunk)
      size += b.byteLength
      if (size > max) throw new RangeError(`request body larger than ${max} bytes`)
      chunks.push(b)
    }
    body = concatBytes(chunks, size)
  }
  return new Request(`${proto}://${host}${req.url ?? '/'}`, { method, headers, ...(body ? { body } : {}) })
}

/**
 * Writes a Fetch `Response` to a Node `ServerResponse`: its status, its headers and its whole body.
 *
 * @example
 * ```ts
 * const response = await client.handleWebhook('whatsapp', await toWebRequest(req))
 * await sendWebResponse(res, response)
 * ```
 */
export async function sendWebResponse(res: NodeResponseLike, response: Response): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => {
    res.setHeader(name, value)
  })
  res.end(new Uint8Array(await response.arrayBuffer()))
}

/**
 * A ready `(req, res)` handler for `http.createServer` that passes every request to
 * `client.handleWebhook(channel)`; `channel` may be a function of the request (e.g. from its path).
 * A body that cannot be read (larger than `maxBodyBytes`, or any other failure of
 * {@link toWebRequest}) is answered 413. An error thrown by `handleWebhook` (from one of your event
 * listeners, or the store) rejects the handler's promise and no response is written.
 *
 * @example
 * ```ts
 * http.createServer(webhookHandler(client, (req) => req.url?.split('/')[2] ?? '')).listen(3000)
 * ```
 */
export function webhookHandler(
  client: Pick<Client, 'handleWebhook'>,
  channel: string | ((req: NodeRequestLike) => string),
  options: ToWebRequestOptions = {},
): (req: NodeRequestLike, res: NodeResponseLike) => Promise<void> {
  return async (req, res) => {
    let request: Request
    try {
      request = await toWebRequest(req, options)
    } catch (err) {
      // Too large: 413. A body that broke off while arriving: 400 (the provider will retry).
      res.statusCode = err instanceof RangeError ? 413 : 400
      res.end()
      return
    }
    const name = typeof channel === 'function' ? channel(req) : channel
    let response: Response
    try {
      response = await client.handleWebhook(name, request)
    } catch {
      // A listener or the Store failed: answer 500 so the provider re-delivers, and keep serving.
      response = new Response(null, { status: 500 })
    }
    await sendWebResponse(res, response)
  }
}
