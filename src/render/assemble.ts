import type { Message } from '../message/types.js'
import { type Ctx, type Draft, type Numberer, type Section, hasNativeChoices, note, optionsText, writeSection, writeSections } from './context.js'
import { escapeText, formatText } from './format.js'
import { splitText } from './text.js'

function isEmpty(d: Draft): boolean {
  return (
    d.sections.length === 0 &&
    d.numbered.length === 0 &&
    !hasNativeChoices(d) &&
    !d.media?.length &&
    !d.cards?.length &&
    !d.location &&
    !d.template
  )
}

/** Puts the drafts in send order: chips end the conversation, a question with buttons comes last. */
export function order(primary: Draft, before: Draft[], after: Draft[]): Draft[] {
  const body = isEmpty(primary) ? [] : [primary]
  // The question with its choices (native or numbered) closes the conversation.
  if (after.length && (hasNativeChoices(primary) || primary.numbered.length > 0)) {
    const last = after[after.length - 1] as Draft
    const onlyChips = !primary.buttons?.length && !primary.list && primary.quickReplies?.length
    if (onlyChips && (last.media?.length ?? 0) <= 1 && !hasNativeChoices(last)) {
      last.quickReplies = primary.quickReplies
      delete primary.quickReplies
      return [...before, ...(isEmpty(primary) ? [] : [primary]), ...after]
    }
    return [...before, ...after, primary]
  }
  return [...before, ...body, ...after]
}

/** Splits one section whose text alone exceeds `max` by cutting its source, so markup stays balanced per piece. */
function splitSection(ctx: Ctx, s: Section, max: number, written: string): string[] {
  if ('entry' in s) return [written]
  const source = 'md' in s ? s.md : s.plain
  let size = max
  for (;;) {
    const pieces = splitText(source, size).map((p) => ('md' in s ? formatText(p, ctx.dialect) : escapeText(p, ctx.dialect)))
    if (pieces.every((p) => p.length <= max) || size < 16) return pieces
    size = Math.floor(size * 0.8)
  }
}

/**
 * Writes a draft's text and splits it when it exceeds what the message can carry: the tail that
 * fits `lastMax` (never more than the text limit) stays with the buttons/media; what precedes it
 * goes first as plain text messages.
 */
function texts(ctx: Ctx, d: Draft, lastMax: number, num: Numberer): string[] {
  const sep = '\n\n'
  const units: string[] = []
  let previousEntry = false
  for (const s of d.sections) {
    const t = writeSection(ctx, s, num)
    if (!t) continue
    const entry = 'entry' in s
    if (t.length > lastMax) units.push(...splitSection(ctx, s, lastMax, t))
    // Card entries read as one list: one line each, no blank line between them.
    else if (entry && previousEntry && units.length && (units.at(-1) as string).length + 1 + t.length <= lastMax)
      units[units.length - 1] += `\n${t}`
    else units.push(t)
    previousEntry = entry
  }
  const options = optionsText(ctx, d, num)
  if (options) {
    const written = escapeText(options, ctx.dialect)
    // Numbered options can outgrow the body that travels with native buttons (Messenger: 640):
    // they split at line ends like any text, the last lines staying with the buttons.
    units.push(...(written.length > lastMax ? splitText(written, lastMax) : [written]))
  }
  const trailer = writeSections(ctx, d.trailer, num, sep)
  if (trailer) units.push(trailer)

  const whole = units.join(sep)
  if (whole.length <= lastMax) return whole ? [whole] : []

  // The last message takes as many trailing units as fit; the rest pack from the start.
  let last = ''
  let i = units.length
  while (i > 0) {
    const next = last ? `${units[i - 1]}${sep}${last}` : (units[i - 1] as string)
    if (next.length > lastMax) break
    last = next
    i--
  }
  const out: string[] = []
  let cur = ''
  for (const u of units.slice(0, i)) {
    const next = cur ? `${cur}${sep}${u}` : u
    if (next.length > ctx.caps.text.maxLength && cur) {
      out.push(cur)
      cur = u
    } else cur = next
  }
  if (cur) out.push(cur)
  if (last) out.push(last)
  return out
}

/** Turns drafts into Messages that each fit the target; options are numbered in send order. */
export function assemble(ctx: Ctx, drafts: readonly Draft[], num: Numberer): Message[] {
  const messages: Message[] = []
  for (const d of drafts) {
    if (d.needsMoreLink && ctx.fallbackUrl) d.trailer.push({ plain: `${ctx.labels.more}: ${ctx.fallbackUrl}` })
    const mediaCaps = ctx.caps.media
    let lastMax = Math.min(ctx.caps.text.maxLength, d.bodyMax ?? Infinity)
    if (d.media?.length && mediaCaps) lastMax = Math.min(lastMax, mediaCaps.captionMaxLength)
    let parts = texts(ctx, d, lastMax > 0 ? lastMax : ctx.caps.text.maxLength, num)
    // Media on a channel without captions: the text follows as its own message.
    const textAfterMedia = Boolean(d.media?.length && mediaCaps && mediaCaps.captionMaxLength === 0 && parts.length)
    if (parts.length === 0 && hasNativeChoices(d) && !d.media?.length && !d.cards?.length && !d.location) parts = [escapeText(ctx.labels.chooseOption, ctx.dialect)]
    const total = parts.reduce((n, p) => n + p.length, 0)
    if (parts.length > 1)
      note(ctx, 'text', 'text', 'messages', false, `${total} chars, ${ctx.channel} allows ${lastMax} in this message: split into ${parts.length} messages`)

    const rich: Message = {}
    if (d.media?.length) rich.media = d.media
    if (d.cards?.length) rich.cards = d.cards
    if (d.location) rich.location = d.location
    if (d.template) rich.template = d.template
    if (d.list) rich.list = d.list
    if (d.buttons?.length) rich.buttons = d.buttons
    if (d.quickReplies?.length) rich.quickReplies = d.quickReplies

    if (textAfterMedia) {
      const { buttons, quickReplies, list, ...media } = rich
      messages.push(media)
      parts.forEach((text, i) =>
        messages.push(i === parts.length - 1 ? { text, ...(buttons ? { buttons } : {}), ...(quickReplies ? { quickReplies } : {}), ...(list ? { list } : {}) } : { text }),
      )
      continue
    }
    parts.slice(0, -1).forEach((text) => messages.push({ text }))
    const lastText = parts[parts.length - 1]
    messages.push(lastText ? { text: lastText, ...rich } : rich)
  }
  return messages.filter((m) => Object.keys(m).length > 0)
}
