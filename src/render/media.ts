import type { Media } from '../message/types.js'
import { type Ctx, type Draft, draftTextLength, hasNativeChoices, newDraft, note } from './context.js'

// The media ladder: native where the channel takes the type and size → the media URL in the text
// (images are dropped instead when fallback.url links the full content). Captions always travel as
// the message text, so a driver maps `text` to the caption of the media it sends.

const KIND: Record<Media['type'], string> = { image: 'image', video: 'video', audio: 'audio clip', file: 'file' }

function nativeReason(ctx: Ctx, m: Media): string | null {
  const caps = ctx.caps.media
  if (!caps) return `${ctx.channel} cannot send media`
  if (!caps.types.includes(m.type)) return `${ctx.channel} cannot send ${KIND[m.type]}s`
  const max = caps.maxBytes?.[m.type]
  if (max !== undefined && m.sizeBytes !== undefined && m.sizeBytes > max)
    return `${m.sizeBytes} bytes, ${ctx.channel} allows ${max} for ${KIND[m.type]}s`
  return null
}

/** Whether `m` is an image that fallback.url covers: it is dropped and `d` gets the "more" link. */
function coveredByFallback(ctx: Ctx, d: Draft, m: Media): boolean {
  if (m.type !== 'image' || !ctx.fallbackUrl) return false
  d.needsMoreLink = true
  return true
}

/** The text length captions add to a message (each on its own paragraph). */
function captionsLength(items: readonly Media[]): number {
  return items.reduce((n, m) => n + (m.caption ? m.caption.length + 2 : 0), 0)
}

/** Puts a media item that cannot go natively into `d`'s text as its URL, or drops an image that fallback.url covers. */
function asLink(ctx: Ctx, d: Draft, m: Media, path: string, why: string): void {
  if (coveredByFallback(ctx, d, m)) {
    note(ctx, path, 'image', 'dropped', true, `${why}: image dropped, fallback.url links the full content`)
    return
  }
  d.sections.push({ plain: m.caption ? `${m.caption}: ${m.url}` : m.url, origin: path })
  note(ctx, path, m.type, 'link', false, `${why}: sent as its URL in the text`)
}

/** Splits the message's media into what goes natively and what becomes links in `primary`'s text. */
export function classifyMedia(ctx: Ctx, primary: Draft, media: readonly Media[]): Array<{ media: Media; path: string }> {
  const native: Array<{ media: Media; path: string }> = []
  media.forEach((m, i) => {
    const why = nativeReason(ctx, m)
    if (why) asLink(ctx, primary, m, `media[${i}]`, why)
    else native.push({ media: m, path: `media[${i}]` })
  })
  return native
}

function canAttach(ctx: Ctx, d: Draft, items: readonly Media[], captions: number): boolean {
  const caps = ctx.caps.media
  if (!caps || items.length === 0 || items.length > caps.maxPerMessage) return false
  if (hasNativeChoices(d)) {
    if (items.length > 1 || !caps.withButtons || d.list || items[0]?.type === 'audio') return false
  }
  const text = draftTextLength(ctx, d) + captions
  return text === 0 || text <= caps.captionMaxLength
}

/** The media item without its caption (captions travel as the message text). */
function stripCaption(m: Media): Media {
  if (m.caption === undefined) return m
  const { caption: _caption, ...rest } = m
  return rest
}

/**
 * Attaches the message's native media to `primary` where they fit with its text and buttons;
 * returns the media messages to send before it otherwise.
 */
export function placeMedia(ctx: Ctx, primary: Draft, native: ReadonlyArray<{ media: Media; path: string }>): Draft[] {
  const caps = ctx.caps.media
  if (!caps || native.length === 0) return []
  const chunks: Media[][] = []
  for (let i = 0; i < native.length; i += caps.maxPerMessage) chunks.push(native.slice(i, i + caps.maxPerMessage).map((n) => n.media))
  const before: Draft[] = []
  // The message's text travels with the last media message, so the media keep their order and
  // the text (with any buttons) comes after them.
  const last = chunks[chunks.length - 1] as Media[]
  if (canAttach(ctx, primary, last, captionsLength(last))) {
    primary.media = [...(primary.media ?? []), ...last.map(stripCaption)]
    const captions = last.filter((m) => m.caption).map((m) => ({ md: m.caption as string }))
    primary.sections.splice(primary.sections.length ? 1 : 0, 0, ...captions)
    chunks.pop()
  }
  for (const chunk of chunks) {
    const d = newDraft()
    d.media = chunk.map(stripCaption)
    const captions = chunk.filter((m) => m.caption)
    if (captions.length && captionsLength(captions) <= caps.captionMaxLength) d.sections = captions.map((m) => ({ md: m.caption as string }))
    else if (captions.length) {
      primary.sections.push(...captions.map((m) => ({ md: m.caption as string })))
      note(ctx, 'media', 'caption', 'text', false, `${ctx.channel} shows no caption with this media: caption moved into the text`)
    }
    before.push(d)
  }
  return before
}

/**
 * A card's media on a text-only channel: attached to `primary` where the channel takes it (MMS),
 * else kept as its URL, or dropped when it is an image that fallback.url covers. Returns the text
 * to show for it (its caption or URL) and what happened.
 */
export function cardMediaAsText(ctx: Ctx, primary: Draft, m: Media): { kind: 'attached' | 'link' | 'dropped'; text: string } {
  if (!nativeReason(ctx, m) && (primary.media?.length ?? 0) < (ctx.caps.media ? ctx.caps.media.maxPerMessage : 0)) {
    primary.media = [...(primary.media ?? []), stripCaption(m)]
    return { kind: 'attached', text: m.caption ?? '' }
  }
  if (coveredByFallback(ctx, primary, m)) return { kind: 'dropped', text: '' }
  return { kind: 'link', text: m.url }
}

/**
 * For a card sent as a message: attaches its media to `d` when the channel allows media with the
 * card's buttons and text, else returns a media message to send before it; unsupported media
 * become a link in `d`'s text.
 */
export function attachOrLink(ctx: Ctx, d: Draft, m: Media, path: string): Draft | undefined {
  const why = nativeReason(ctx, m)
  if (why) {
    asLink(ctx, d, m, path, why)
    return undefined
  }
  if (canAttach(ctx, d, [m], captionsLength([m]))) {
    d.media = [stripCaption(m)]
    if (m.caption) d.sections.push({ md: m.caption })
    return undefined
  }
  const before = newDraft()
  before.media = [stripCaption(m)]
  if (m.caption && ctx.caps.media && m.caption.length <= ctx.caps.media.captionMaxLength) before.sections.push({ md: m.caption })
  else if (m.caption) d.sections.push({ md: m.caption })
  return before
}
