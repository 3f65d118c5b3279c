import { sha256, uuidFromHash } from '../../webhooks/crypto.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The `X-Line-Retry-Key` for an idempotency key. LINE takes only a hexadecimal UUID, so a key that
 * is one (the client's default, `crypto.randomUUID()`) is sent as it is, in lower case; any other
 * key (your own, or the client's `"<key>:1"`, `"<key>:2"` … for the later parts of one send) becomes
 * the name-based UUIDv8 of RFC 9562 (appendix B.2): the first 16 bytes of the SHA-256 of its UTF-8
 * bytes, with the version set to 8 and the variant to `10`. The same key always gives the same
 * UUID, so every retry of a part carries the retry key of its first attempt.
 *
 * @example
 * ```ts
 * await lineRetryKey('123E4567-E89B-12D3-A456-426614174000') // '123e4567-e89b-12d3-a456-426614174000'
 * await lineRetryKey('order-1234:1') // the same UUIDv8 every time
 * ```
 */
export async function lineRetryKey(idempotencyKey: string): Promise<string> {
  if (UUID.test(idempotencyKey)) return idempotencyKey.toLowerCase()
  return uuidFromHash(await sha256(idempotencyKey), 8)
}
