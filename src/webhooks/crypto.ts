// Small Web Crypto helpers shared by webhook verification and drivers (JWT signing). Web APIs only:
// crypto.subtle, TextEncoder, atob/btoa — they run in Node 20+, browsers, Deno and edge workers.

const encoder = new TextEncoder()

/** UTF-8 bytes of a string, or the bytes as given. */
export function bytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data
}

// crypto.subtle wants a BufferSource backed by an ArrayBuffer (not a SharedArrayBuffer view).
function buffer(data: string | Uint8Array): ArrayBuffer {
  const b = bytes(data)
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}

/** HMAC of `data` with `key`. */
export async function hmac(
  hash: 'SHA-1' | 'SHA-256' | 'SHA-512',
  key: string | Uint8Array,
  data: string | Uint8Array,
): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', buffer(key), { name: 'HMAC', hash }, false, ['sign'])
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, buffer(data)))
}

/** SHA-256 digest. */
export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buffer(data)))
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

/**
 * Reads a request body as bytes without consuming the original (it reads a clone), refusing bodies
 * larger than `maxBytes`. Returns `undefined` when the body is too large.
 */
export async function readBody(request: Request, maxBytes = DEFAULT_MAX_WEBHOOK_BYTES): Promise<Uint8Array | undefined> {
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
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

/**
 * Reads a request body (a clone, within `maxBytes`) as JSON; `undefined` when it is too large or
 * not JSON.
 */
export async function readJson(request: Request, maxBytes = DEFAULT_MAX_WEBHOOK_BYTES): Promise<unknown> {
  const raw = await readBody(request, maxBytes)
  if (!raw) return undefined
  try {
    return JSON.parse(new TextDecoder().decode(raw)) as unknown
  } catch {
    return undefined
  }
}

/** UTF-8 text of bytes. */
export function utf8(data: Uint8Array): string {
  return new TextDecoder().decode(data)
}
