// Reading untrusted webhook payloads: each helper returns the value when it has the expected shape
// and `undefined` (or an empty array) otherwise, so parsers never throw on a provider's surprise.
import type { MediaType } from '../message/types.js'

/** A JSON object. */
export type Obj = Record<string, unknown>

/** `v` when it is a (non-array) object. */
export const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined)

/** `v` when it is an array, else an empty one. */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** `v` when it is a string (the empty string included). */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** The kind of media a MIME type names; anything not image, video or audio is a file. */
export function mediaTypeOf(mimeType: string | undefined): MediaType {
  if (mimeType?.startsWith('image/')) return 'image'
  if (mimeType?.startsWith('video/')) return 'video'
  if (mimeType?.startsWith('audio/')) return 'audio'
  return 'file'
}

/** `v` when it is a non-empty string. */
export const nonEmptyStr = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
