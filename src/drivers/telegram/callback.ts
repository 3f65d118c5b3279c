import { bytes, sha256, toBase64Url } from '../../webhooks/crypto.js'

/** Telegram's limit on `callback_data`: 1–64 bytes of UTF-8 (https://core.telegram.org/bots/api#inlinekeyboardbutton). */
export const CALLBACK_DATA_MAX_BYTES = 64

/** First character of a short key standing in for a payload that does not fit `callback_data`. */
export const CALLBACK_KEY_PREFIX = '~'

const KEY_SHAPE = /^~[A-Za-z0-9_-]{16}$/

/**
 * True when `payload` can travel as `callback_data` unchanged: 1–64 UTF-8 bytes and not starting
 * with `~`, which is reserved for keys (so a payload can never be mistaken for one).
 */
export function fitsCallbackData(payload: string): boolean {
  const size = bytes(payload).length
  return size >= 1 && size <= CALLBACK_DATA_MAX_BYTES && !payload.startsWith(CALLBACK_KEY_PREFIX)
}

/**
 * The short key for a payload: `~` and the Base64url of the first 12 bytes of its SHA-256 (17
 * ASCII characters). Deterministic, so the same payload always gets the same key, in every process.
 */
export async function callbackKey(payload: string): Promise<string> {
  return `${CALLBACK_KEY_PREFIX}${toBase64Url((await sha256(payload)).subarray(0, 12))}`
}

/** True when `data` has the shape of a key made by {@link callbackKey}. */
export function isCallbackKey(data: string): boolean {
  return KEY_SHAPE.test(data)
}

/** Where a key's payload lives in the `Store` (namespaced, so the client's shared store can hold it). */
export function callbackStoreKey(key: string): string {
  return `anychannel:telegram:callback:${key}`
}
