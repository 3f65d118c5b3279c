import { DEFAULT_ELLIPSIS, type LanguageTableUse, type SegmentOptions, fitSms, segmentSms } from '../sms/index.js'
import type { ReplyOption } from './types.js'
import { type Ctx, type Draft, type Numberer, collapsedOptionsText, newNumberer, note, optionsText, writeSection } from './context.js'

// The last rung for SMS: one plain text within the segment budget. Kept in this order of
// importance: the body's opening, the numbered options, the fallback link. Whole lines after the
// body (card entries, links) go first; then the body is shortened at a word boundary with "...";
// then the options collapse to "Reply 1-4"; then only the link is kept; then the text is cut.
// Options are numbered per candidate text, so the numbers a customer sees are always 1, 2, 3 …
// in reading order, and `replies` maps exactly those.

/** Shortest body worth keeping before the options give way (a fragment shorter than this says nothing). */
const MIN_BODY = 24

function join(...parts: string[]): string {
  return parts.filter(Boolean).join('\n')
}

export interface SmsFit {
  text: string
  encoding: 'GSM-7' | 'UCS-2'
  segments: number
  units: number
  languageTable?: LanguageTableUse
  replies: ReplyOption[]
}

type TailKind = 'options' | 'compact' | 'collapsed' | 'link'

export function fitSmsText(ctx: Ctx, d: Draft, maxSegments: number, seg: SegmentOptions, authored: boolean): SmsFit {
  const url = ctx.fallbackUrl ?? ''
  const maxChars = ctx.caps.text.maxLength

  /** Writes the kept sections and a tail, numbering choices in reading order. */
  const compose = (keep: number, tail: TailKind): { head: string; first: string; tail: string; num: Numberer } => {
    const num = newNumberer()
    const lines: string[] = []
    for (const s of d.sections.slice(0, keep)) {
      const t = writeSection(ctx, s, num, 'plain')
      if (t) lines.push(t)
    }
    const head = lines.join('\n')
    const options = authored
      ? ''
      : tail === 'options' || tail === 'compact'
        ? optionsText(ctx, d, num, tail === 'compact')
        : tail === 'collapsed'
          ? collapsedOptionsText(ctx, d, num)
          : ''
    const link = url && !head.includes(url) ? url : ''
    return { head, first: lines[0] ?? '', tail: join(options, link), num }
  }
  let last: { text: string; info: ReturnType<typeof segmentSms> } | undefined
  const measure = (text: string) => {
    if (last?.text !== text) last = { text, info: segmentSms(text, seg) }
    return last.info
  }
  const fitsBudget = (text: string, segments: number) => {
    const info = measure(text)
    return info.segments.length <= segments && info.text.length <= maxChars
  }
  const done = (text: string, num: Numberer): SmsFit => {
    const info = measure(text)
    if (info.transliterated.length)
      note(ctx, 'text', 'text', 'text', false, `transliterated for GSM-7: ${info.transliterated.map((t) => `${t.from}→${t.to} ×${t.count}`).join(', ')}`)
    if (info.languageTable)
      note(ctx, 'text', 'text', 'text', false, `sent with the ${[info.languageTable.locking, info.languageTable.single].filter(Boolean).join(' and ')} national language table: stays GSM-7, ${info.unitsPerSegment} septets per part`)
    return {
      text: info.text,
      encoding: info.encoding,
      segments: info.segments.length,
      units: info.units,
      ...(info.languageTable ? { languageTable: info.languageTable } : {}),
      replies: num.replies,
    }
  }

  const total = d.sections.length
  const dropped = (keep: number) => [...new Set(d.sections.slice(keep).map((s) => s.origin ?? 'text'))].join(', ')
  const full = compose(total, 'options')
  const fullText = join(full.head, full.tail)
  if (fitsBudget(fullText, maxSegments)) return done(fullText, full.num)

  const budget = `${maxSegments} SMS segment${maxSegments === 1 ? '' : 's'}`
  const collapsedDiffers = !authored && d.numbered.length > 1
  const tails: Array<{ kind: TailKind; loss?: (c: { tail: string }) => string }> = [{ kind: 'options' }]
  const compactDiffers = !authored && (d.numbered.some((c) => c.description) || (ctx.numbering === 'lines' && d.numbered.length > 1) || (ctx.numbering === 'auto' && d.numbered.length > 5))
  if (compactDiffers)
    tails.push({ kind: 'compact', loss: () => (d.numbered.some((c) => c.description) ? `options listed inline without their descriptions to fit ${budget}` : `options listed inline to fit ${budget}`) })
  if (collapsedDiffers) tails.push({ kind: 'collapsed', loss: (c) => `option titles dropped to fit ${budget}: "${c.tail.split('\n')[0]}"` })
  if (!authored && d.numbered.length) tails.push({ kind: 'link', loss: () => `numbered options dropped to fit ${budget}` })
  const optionGroups = [...new Set(d.numbered.map((c) => c.group))].join(', ') || 'options'
  const noteDropped = (keep: number) =>
    note(ctx, dropped(keep), 'lines', 'dropped', true, `${total - keep} of ${total} lines dropped to fit ${budget}${url ? ' (fallback.url links the full content)' : ''}`)

  // Fewer segments are tried only when the character cap (1600) binds before the segment budget.
  for (let segments = maxSegments; segments >= 1; segments--) {
    for (const { kind, loss } of tails) {
      // Whole lines first: drop trailing card entries and links before cutting into the body. A text
      // that misses the full budget misses every smaller one, so this runs at the full budget only.
      if (segments === maxSegments) {
        for (let keep = total - 1; keep >= 1; keep--) {
          const c = compose(keep, kind)
          const text = join(c.head, c.tail)
          if (!fitsBudget(text, segments)) continue
          noteDropped(keep)
          if (loss) note(ctx, optionGroups, 'options', 'text', true, loss(c))
          return done(text, c.num)
        }
      }
      const c = compose(Math.min(1, total), kind)
      const r = fitSms(c.first, { ...seg, maxSegments: segments, keepTail: c.tail ? `\n${c.tail}` : '', ellipsis: DEFAULT_ELLIPSIS })
      const keptBody = r.text.length - (c.tail ? c.tail.length + 1 : 0)
      if (!r.fits || r.text.length > maxChars || (c.tail && keptBody < Math.min(MIN_BODY, c.first.length))) continue
      if (total > 1) noteDropped(1)
      if (r.truncated)
        note(ctx, 'text', 'text', 'text', true, `${c.first.length} chars do not fit ${budget}: shortened to ${Math.max(0, keptBody - DEFAULT_ELLIPSIS.length)} chars with "${DEFAULT_ELLIPSIS}"`)
      if (loss) note(ctx, optionGroups, 'options', 'text', true, loss(c))
      return done(r.text, c.num)
    }
  }
  // Nothing but a cut fits (a tiny budget): keep what fits of the whole text.
  const r = fitSms(fullText, { ...seg, maxSegments, ellipsis: DEFAULT_ELLIPSIS })
  note(ctx, 'text', 'text', 'text', true, `only the first ${r.text.length} chars fit ${budget}: the rest, options and link included, is cut`)
  return done(r.text, full.num)
}
