// Small Web Crypto helpers shared by webhook verification and drivers (JWT signing). Web APIs only:
// crypto.subtle, TextEncoder, atob/btoa — they run in Node 20+, browsers, Deno and edge workers.

const encoder = new TextEncoder()

/** UTF-8 bytes of a string, or the bytes as given. */
export function bytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data
}

/** The bytes as a plain `ArrayBuffer` copy: crypto.subtle wants a BufferSource backed by one (not a SharedArrayBuffer view). */
export function toArrayBuffer(data: string | Uint8Array): ArrayBuffer {
  const b = bytes(data)
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}

/** `chunks` joined into one array of `size` bytes (their total length). */
export function concatBytes(chunks: readonly Uint8Array[], size = chunks.reduce((n, c) => n + c.byteLength, 0)): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

/** HMAC of `data` with `key`. */
export async function hmac(
  hash: 'SHA-1' | 'SHA-256' | 'SHA-512',
  key: string | Uint8Array,
  data: string | Uint8Array,
): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', toArrayBuffer(key), { name: 'HMAC', hash }, false, ['sign'])
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, toArrayBuffer(data)))
}

/** SHA-256 digest. */
export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(data)))
}

/**
 * A name-based UUID from a hash (RFC 9562): its first 16 bytes with the version (5 for SHA-1, 8 for
 * a custom hash) and the RFC variant bits set, as lower-case 8-4-4-4-12 hex.
 */
export function uuidFromHash(hash: Uint8Array, version: 5 | 8): string {
  const b = hash.slice(0, 16)
  b[6] = ((b[6] as number) & 0x0f) | (version << 4)
  b[8] = ((b[8] as number) & 0x3f) | 0x80
  const hex = toHex(b)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * What of a PEM private key must be redacted from errors: the PEM as given and its Base64 body on
 * one line (how it shows up once escaped or re-wrapped). Empty when there is no key.
 */
export function pemSecrets(pem: string | undefined): string[] {
  return pem ? [pem, pem.replace(/-----[^-]+-----|\\n|\s/g, '')] : []
}

/** Imports a PKCS#8 DER RSA private key for RS256 signing; rejects as Web Crypto does when it is not one. */
export function importRs256Key(der: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', toArrayBuffer(der), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign'])
}

/** Signs `claims` as an RS256 JWT whose header is `{"alg":"RS256","typ":"JWT", …extraHeader}`. */
export async function signJwtRs256(key: CryptoKey, claims: object, extraHeader: object = {}): Promise<string> {
  const input = `${toBase64Url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...extraHeader }))}.${toBase64Url(JSON.stringify(claims))}`
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, toArrayBuffer(input))
  return `${input}.${toBase64Url(new Uint8Array(signature))}`
}

/** Lower-case hex. */
export function toHex(data: Uint8Array): string {
  let out = ''
  for (const b of data) out += b.toString(16).padStart(2, '0')
  return out
}

/** Standard Base64. */
export function toBase64(data: Uint8Array): string {
  let s = ''
  for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000))
  return btoa(s)
}

/** Base64url without padding (JWT). */
export function toBase64Url(data: Uint8Array | string): string {
  return toBase64(bytes(data)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Decodes Base64 or Base64url (padding optional); throws on invalid input. */
export function fromBase64(text: string): Uint8Array {
  const std = text.replace(/-/g, '+').replace(/_/g, '/')
  const padded = std + '='.repeat((4 - (std.length % 4)) % 4)
  const bin = atob(padded)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/**
 * Compares two strings in time that depends only on their lengths, not on where they differ, so a
 * signature cannot be guessed byte by byte.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = bytes(a)
  const y = bytes(b)
  let diff = x.length ^ y.length
  const n = Math.max(x.length, y.length)
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}

/** Default largest webhook body read (1 MiB); providers send far less. */
export const DEFAULT_MAX_WEBHOOK_BYTES = 1024 * 1024

// verify() and parse() (and a handshake) each read the same request: the bytes are read once.
const bodies = new WeakMap<Request, Map<number, Promise<Uint8Array | undefined>>>()

/**
 * Reads a request body as bytes without consuming the original (it reads a clone, once per request
 * and limit), refusing bodies larger than `maxBytes`. Returns `undefined` when the body is too large.
 * The bytes are shared between callers: do not modify them.
 */
export function readBody(request: Request, maxBytes = DEFAULT_MAX_WEBHOOK_BYTES): Promise<Uint8Array | undefined> {
  let byLimit = bodies.get(request)
  if (!byLimit) bodies.set(request, (byLimit = new Map()))
  let body = byLimit.get(maxBytes)
  if (!body) byLimit.set(maxBytes, (body = readClone(request, maxBytes)))
  return body
}

async function readClone(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) return undefined
  const clone = request.clone()
  if (!clone.body) return new Uint8Array()
  const reader = clone.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      // Cancelling one branch of a teed body settles only when the other branch is cancelled
      // too, so don't wait for it.
      reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  return concatBytes(chunks, size)
}

/**
 * Reads a request body (a clone, within `maxBytes`) as JSON; `undefined` when it is too large or
 * not JSON.
 */
export async function readJson(request: Request, maxBytes = DEFAULT_MAX_WEBHOOK_BYTES): Promise<unknown> {
  const raw = await readBody(request, maxBytes)
  if (!raw) return undefined
  try {
    return JSON.parse(utf8(raw)) as unknown
  } catch {
    return undefined
  }
}

/** UTF-8 text of bytes. */
export function utf8(data: Uint8Array): string {
  return new TextDecoder().decode(data)
}
