import type { Capabilities, FormattingDialect } from '../channels/capabilities.js'
import type { Button, Card, ListPicker, Location, Media, ReplyButton, Template } from '../message/types.js'
import { escapeText, formatText } from './format.js'
import { normalizeReplyText } from './text.js'
import type { Degradation, RenderLabels, ReplyOption } from './types.js'

/** A choice that will be shown as a number; numbers are given when the text is written. */
export interface ChoiceRef {
  title: string
  payload: string
  /** Report path of the group it came from, e.g. `'quickReplies'`. */
  group: string
  description?: string
  /** More things a reply may say to pick it (a card's button title). */
  extraKeys?: string[]
}

/** A card listed as a line of text, with the choices it carries. */
export interface Entry {
  text: string
  choices: ChoiceRef[]
  /** Prefix "- " when the card has no number of its own. */
  bullet: boolean
}

/**
 * A piece of text: `md` is model markup (formatted per dialect), `plain` is composed text (escaped),
 * `entry` a card line whose number(s) are assigned when written.
 */
export type Section = ({ md: string } | { plain: string } | { entry: Entry }) & {
  /** The input element it shows (`'cards[2]'`, `'buttons[0]'` …), for the report when it is dropped. */
  origin?: string
}

/** Hands out option numbers in the order text is written, and records the reply mapping. */
export interface Numberer {
  next: number
  replies: ReplyOption[]
}

export function newNumberer(): Numberer {
  return { next: 1, replies: [] }
}

function assign(num: Numberer, c: ChoiceRef): number {
  const n = num.next++
  num.replies.push({
    keys: [String(n), ...(c.extraKeys ?? []).map(normalizeReplyText), normalizeReplyText(c.title)],
    title: c.title,
    payload: c.payload,
  })
  return n
}

/** A message being built: what it will carry natively, plus text sections and numbered options. */
export interface Draft {
  sections: Section[]
  /** Options shown as numbered text at the end of this message's text. */
  numbered: ChoiceRef[]
  /** Heading for the numbered options (a list picker's button label). */
  numberedHeading?: string
  /** Lines kept with the options at the end (links to cut content). */
  trailer: Section[]
  media?: Media[]
  buttons?: Button[]
  quickReplies?: ReplyButton[]
  list?: ListPicker
  cards?: Card[]
  location?: Location
  template?: Template
  /** The longest body this message may carry (interactive body, caption), when tighter than text. */
  bodyMax?: number
  /** Something was cut that `fallback.url` links to: show the link with this message. */
  needsMoreLink?: boolean
}

export function newDraft(): Draft {
  return { sections: [], numbered: [], trailer: [] }
}

/** Everything a render step needs: the target, the options, and where results accumulate. */
export interface Ctx {
  caps: Capabilities
  channel: string
  dialect: FormattingDialect
  /** SMS-like target: everything becomes one plain text fitted to a segment budget. */
  sms: boolean
  /** No interactive element at all (SMS, MMS): cards list as text, numbers map replies. */
  textOnly: boolean
  labels: RenderLabels
  numbering: 'inline' | 'lines' | 'auto'
  ellipsis: string
  /** Separator between a card's title and text in composed lines. */
  dash: string
  fallbackUrl: string | undefined
  report: Degradation[]
}

export function note(ctx: Ctx, path: string, from: string, to: string, lossy: boolean, detail: string): void {
  ctx.report.push({ path, from, to, lossy, detail })
}

/**
 * Keeps a title key only where it picks exactly one option: two cards with a "Buy" button both
 * answer to their number, neither to "buy". Numbers always stay.
 */
export function finishReplies(replies: ReplyOption[]): ReplyOption[] {
  // How many options each title key would pick (a key repeated within one option counts once).
  const count = new Map<string, number>()
  for (const r of replies)
    for (let i = 1; i < r.keys.length; i++) {
      const key = r.keys[i] as string
      if (r.keys.indexOf(key, 1) === i) count.set(key, (count.get(key) ?? 0) + 1)
    }
  for (const r of replies) {
    const keys = [r.keys[0] as string]
    for (let i = 1; i < r.keys.length; i++) {
      const key = r.keys[i] as string
      if (key !== '' && count.get(key) === 1 && !keys.includes(key) && !isNumber(key)) keys.push(key)
    }
    r.keys = keys
  }
  return replies
}

function isNumber(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return key.length > 0
}

function writeEntry(e: Entry, num: Numberer, forOf: string): string {
  if (e.choices.length === 1) return `${assign(num, e.choices[0] as ChoiceRef)}. ${e.text}`
  const head = e.bullet ? `- ${e.text}` : e.text
  if (e.choices.length === 0) return head
  return `${head} (${e.choices.map((c) => `${assign(num, c)} ${forOf} ${c.extraKeys?.[0] ?? c.title}`).join(', ')})`
}

/** Writes one section in the target's dialect; card entries take their numbers from `num`. */
export function writeSection(ctx: Ctx, s: Section, num: Numberer, dialect: FormattingDialect = ctx.dialect): string {
  if ('md' in s) return formatText(s.md, dialect)
  if ('plain' in s) return escapeText(s.plain, dialect)
  return escapeText(writeEntry(s.entry, num, ctx.labels.for), dialect)
}

/** Writes sections in the target's dialect. */
export function writeSections(ctx: Ctx, sections: readonly Section[], num: Numberer, sep: string): string {
  const parts: string[] = []
  for (const s of sections) {
    const text = writeSection(ctx, s, num)
    if (text) parts.push(text)
  }
  return parts.join(sep)
}

/** Length of a draft's text as it would be written (sections, options, trailer). */
export function draftTextLength(ctx: Ctx, d: Draft): number {
  const sep = ctx.sms ? '\n' : '\n\n'
  const num = newNumberer()
  return [writeSections(ctx, d.sections, num, sep), optionsText(ctx, d, num), writeSections(ctx, d.trailer, num, sep)]
    .filter(Boolean)
    .join(sep).length
}

/** True when the draft carries buttons, chips or a list natively. */
export function hasNativeChoices(d: Draft): boolean {
  return Boolean(d.buttons?.length || d.quickReplies?.length || d.list)
}

/** Composes the numbered options of a draft as text, numbering them from `num`. */
export function optionsText(ctx: Ctx, d: Draft, num: Numberer, compact = false): string {
  if (d.numbered.length === 0) return ''
  const hasDescriptions = d.numbered.some((c) => c.description)
  // Bot Framework's rule of thumb: a few short options read best inline; SMS allows a few more
  // inline because every line break is a character. `compact`: inline without descriptions.
  const style = compact
    ? 'inline'
    : ctx.numbering !== 'auto'
      ? ctx.numbering
      : !hasDescriptions && d.numbered.length <= (ctx.sms ? 5 : 3)
        ? 'inline'
        : 'lines'
  const numbered = d.numbered.map((c) => ({ c, n: assign(num, c) }))
  if (style === 'inline') {
    const parts = numbered.map(({ c, n }) => `${n} ${ctx.labels.for} ${c.title}${c.description && !compact ? ` (${c.description})` : ''}`)
    return `${d.numberedHeading ? `${d.numberedHeading}: ` : ''}${ctx.labels.reply} ${parts.join(', ')}`
  }
  const lines = numbered.map(({ c, n }) => `${n}. ${c.title}${c.description ? `${ctx.dash}${c.description}` : ''}`)
  return (d.numberedHeading ? [`${d.numberedHeading}:`, ...lines] : lines).join('\n')
}

/** The options collapsed to their number range: `Reply 1-4`. */
export function collapsedOptionsText(ctx: Ctx, d: Draft, num: Numberer): string {
  if (d.numbered.length === 0) return ''
  const first = num.next
  for (const c of d.numbered) assign(num, c)
  const last = num.next - 1
  return first === last ? `${ctx.labels.reply} ${first}` : `${ctx.labels.reply} ${first}-${last}`
}
