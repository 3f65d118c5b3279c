import type { Capabilities } from '../channels/capabilities.js'
import { profileByName, profiles } from '../channels/profiles.js'
import { DegradationError, ValidationError } from '../errors.js'
import type { Message } from '../message/types.js'
import { assemble, order } from './assemble.js'
import { markupIn } from './format.js'
import { planCards } from './cards.js'
import { planChoices } from './choices.js'
import { type Ctx, type Draft, finishReplies, newDraft, newNumberer, note, optionsText, writeSections } from './context.js'
import { planLocation } from './location.js'
import { classifyMedia, placeMedia } from './media.js'
import { fitSmsText } from './sms.js'
import { DEFAULT_LABELS, type RenderOptions, type RenderResult, type RenderTarget, type ReplyOption } from './types.js'

function resolve(target: RenderTarget): Capabilities {
  if (typeof target !== 'string') return target
  const caps = profileByName(target)
  if (!caps)
    throw new ValidationError([
      { path: ['target'], code: 'invalid_value', message: `unknown channel profile "${target}"; one of ${Object.keys(profiles).join(', ')}` },
    ])
  return caps
}

function isTextOnly(c: Capabilities): boolean {
  return !c.replyButtons && !c.quickReplies && !c.urlButtons && !c.callButtons && !c.card && !c.list
}

/** Builds the drafts for everything in the message except a template. */
function plan(ctx: Ctx, m: Message, body: string | undefined): { primary: Draft; before: Draft[]; after: Draft[] } {
  const primary = newDraft()
  if (body) {
    primary.sections.push({ md: body, origin: 'text' })
    if (ctx.dialect === 'plain') {
      const kinds = [...markupIn(body)].filter((k) => k !== 'link')
      // Emphasis is decoration, but a struck-out price shown plain says the opposite of what was meant.
      if (kinds.length)
        note(ctx, 'text', 'formatting', 'plain', kinds.includes('strike'), `${ctx.channel} shows plain text: ${kinds.join(', ')} markup removed`)
    }
  }
  const native = m.media ? classifyMedia(ctx, primary, m.media) : []
  const after: Draft[] = []
  if (m.cards) after.push(...planCards(ctx, primary, m.cards))
  if (m.location) after.push(...planLocation(ctx, primary, m.location))
  planChoices(ctx, primary, {
    ...(m.buttons ? { buttons: m.buttons } : {}),
    buttonsPath: 'buttons',
    ...(m.quickReplies ? { quickReplies: m.quickReplies } : {}),
    ...(m.list ? { list: m.list } : {}),
  })
  const before = placeMedia(ctx, primary, native)
  return { primary, before, after }
}

/**
 * Renders a channel-neutral message for one channel: natively where the channel can show it,
 * degraded step by step where it can't, with every change reported.
 *
 * Pure and synchronous: the same call previews a message in a browser and prepares it in `send()`.
 *
 * @param message A valid message (from the builders or `parseMessage`).
 * @param target A built-in profile name (`'sms'`, `'whatsapp'` …) or a `Capabilities` object.
 * @throws {DegradationError} with `strict: true`, listing every lossy step.
 * @throws {ValidationError} for an unknown profile name.
 * @example
 * ```ts
 * const { messages, report, replies, sms } = render(msg, 'sms', { maxSegments: 1 })
 * ```
 */
export function render(message: Message, target: RenderTarget, options: RenderOptions = {}): RenderResult {
  const caps = resolve(target)
  const sms = caps.sms !== undefined
  const ctx: Ctx = {
    caps,
    channel: caps.channel,
    dialect: caps.text.formatting,
    sms,
    textOnly: isTextOnly(caps),
    labels: { ...DEFAULT_LABELS, ...options.labels },
    numbering: options.numbering ?? 'auto',
    ellipsis: sms ? '...' : '…',
    dash: sms ? ' - ' : ' — ',
    fallbackUrl: message.fallback?.url,
    report: [],
  }
  const result: RenderResult = { channel: caps.channel, messages: [], report: ctx.report, replies: [] }

  if (message.template && caps.templates && !ctx.textOnly) {
    result.messages = [{ template: message.template }]
    note(ctx, 'template', 'message', 'template', false, `${ctx.channel} sends the approved template "${message.template.name}"; the rest of the message is for channels without templates`)
    return finish(ctx, result, options)
  }
  if (message.template) note(ctx, 'template', 'template', 'dropped', false, `${ctx.channel} has no templates: the message's own content is sent instead`)

  const authored = ctx.textOnly && message.fallback?.text !== undefined
  // A template's own text lives in fallback.text: channels without templates show it when the
  // message has no text of its own.
  const body = message.text ?? (message.template ? message.fallback?.text : undefined)
  let { primary, before, after } = plan(ctx, message, body)
  let authoredReplies: ReplyOption[] | undefined
  if (authored) {
    // The author's own text version replaces the automatic one. Replies keep the numbering the
    // automatic version would have used, so "1" still means the first choice.
    authoredReplies = numberAll(ctx, primary)
    const kept = ctx.report.filter((r) => r.path === 'template')
    ctx.report.length = 0
    ctx.report.push(...kept)
    const authoredDraft = newDraft()
    authoredDraft.sections.push({ md: message.fallback?.text as string })
    const own = message.media?.length && ctx.caps.media ? placeMedia(ctx, authoredDraft, classifyMedia(ctx, newDraft(), message.media)) : []
    primary = authoredDraft
    before = own
    after = []
    note(ctx, 'fallback.text', 'message', 'text', false, `${ctx.channel} shows text only: the author's fallback.text is sent instead of the automatic text version`)
  }

  if (sms) {
    const max = options.maxSegments ?? caps.sms?.maxSegments ?? 10
    if (primary.sections.length === 0 && primary.numbered.length === 0) {
      note(ctx, 'message', 'message', 'dropped', true, `nothing to send on ${ctx.channel}: the message has no text version (add text or fallback.text)`)
      return finish(ctx, result, options)
    }
    const seg = {
      ...(options.transliterate ? { transliterate: true } : {}),
      ...(options.languageTables ? { languageTables: options.languageTables } : {}),
    }
    const fit = fitSmsText(ctx, primary, max, seg, authored)
    result.messages = [{ text: fit.text }]
    result.replies = finishReplies(authoredReplies ?? fit.replies)
    result.sms = { encoding: fit.encoding, segments: fit.segments, units: fit.units, ...(fit.languageTable ? { languageTable: fit.languageTable } : {}) }
    return finish(ctx, result, options)
  }

  const num = newNumberer()
  result.messages = assemble(ctx, order(primary, before, after), num)
  result.replies = finishReplies(authoredReplies ?? num.replies)
  if (result.messages.length === 0)
    note(ctx, 'message', 'message', 'dropped', true, `nothing to send on ${ctx.channel}: the message has no content this channel can show (add text or fallback.text)`)
  return finish(ctx, result, options)
}

/** Numbers every choice of a draft as the automatic text would, without writing it. */
function numberAll(ctx: Ctx, d: Draft): ReplyOption[] {
  const num = newNumberer()
  writeSections(ctx, d.sections, num, '\n')
  optionsText(ctx, d, num)
  return num.replies
}

function finish(ctx: Ctx, result: RenderResult, options: RenderOptions): RenderResult {
  if (options.strict) {
    const losses = ctx.report.filter((r) => r.lossy)
    if (losses.length) throw new DegradationError(ctx.channel, losses)
  }
  return result
}
