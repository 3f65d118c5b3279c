import type { ChoiceCapabilities } from '../channels/capabilities.js'
import type { Button, CallButton, ListPicker, ReplyButton, UrlButton } from '../message/types.js'
import { type Ctx, type Draft, note } from './context.js'
import { plainText } from './format.js'
import { fitTitles, shorten } from './text.js'

// The choice ladder: reply buttons, quick replies and list rows show natively where their count
// and every title fit; otherwise they move down: quick replies ⇄ reply buttons → list picker →
// numbered text with a reply mapping. Never "keep the first three and drop the rest".

type Origin = 'buttons' | 'quickReplies' | 'list'
type Kind = 'replyButtons' | 'quickReplies' | 'list'

interface Choice {
  title: string
  payload: string
  path: string
  /** Report path of the group it belongs to, e.g. `'quickReplies'`, `'cards[2].buttons'`, `'list'`. */
  group: string
  origin: Origin
  description?: string
}

/** The interactive parts of one message (or one card turned into a message). */
export interface ChoiceInput {
  buttons?: readonly Button[]
  /** Report path of `buttons`, e.g. `'buttons'` or `'cards[2].buttons'`. */
  buttonsPath: string
  quickReplies?: readonly ReplyButton[]
  list?: ListPicker
}

function capsOf(ctx: Ctx, kind: Kind): ChoiceCapabilities | undefined {
  const c = ctx.caps
  if (kind === 'list') {
    if (!c.list) return undefined
    return { max: c.list.maxRows, titleMaxLength: c.list.rowTitleMaxLength, payloadMaxLength: c.list.rowIdMaxLength, bodyMaxLength: c.list.bodyMaxLength }
  }
  return c[kind] || undefined
}

function nativeActions(d: Draft): number {
  return (d.buttons?.length ?? 0) + (d.quickReplies?.length ?? 0)
}

function fits(ctx: Ctx, d: Draft, kind: Kind, items: readonly Choice[], extraActions: number, extraButtons: number): string[] | null {
  const caps = capsOf(ctx, kind)
  if (!caps || items.length === 0 || items.length > caps.max) return null
  // A message carries a list or reply buttons, not both (WhatsApp interactive types).
  if (d.list && kind !== 'quickReplies') return null
  if (kind === 'list' && d.buttons?.length) return null
  if (kind !== 'list' && ctx.caps.maxActionsPerMessage !== undefined) {
    if (nativeActions(d) + extraActions + items.length > ctx.caps.maxActionsPerMessage) return null
  }
  // URL and call buttons that will share the message count against the same cap (Messenger: 3).
  if (kind === 'replyButtons' && ctx.caps.maxButtonsPerMessage !== undefined) {
    if ((d.buttons?.length ?? 0) + extraButtons + items.length > ctx.caps.maxButtonsPerMessage) return null
  }
  if (items.some((c) => c.payload.length > caps.payloadMaxLength)) return null
  return fitTitles(
    items.map((c) => c.title),
    caps.titleMaxLength,
  )
}

function reportTitles(ctx: Ctx, items: readonly Choice[], titles: readonly string[], kind: Kind): void {
  items.forEach((c, i) => {
    const t = titles[i] as string
    if (t !== c.title)
      note(ctx, `${c.path}.title`, 'title', 'title', true, `"${c.title}" (${c.title.length} chars) shortened to "${t}": ${ctx.channel} ${kind} titles allow ${t.length}`)
  })
}

const KIND_NAMES: Record<Kind, string> = { replyButtons: 'reply buttons', quickReplies: 'quick replies', list: 'list rows' }
const ORIGIN_NAMES: Record<Origin, string> = { buttons: 'reply buttons', quickReplies: 'quick replies', list: 'list rows' }

function apply(ctx: Ctx, d: Draft, kind: Kind, items: readonly Choice[], titles: readonly string[], listButton?: string): void {
  reportTitles(ctx, items, titles, kind)
  const buttons: ReplyButton[] = items.map((c, i) => ({ type: 'reply', title: titles[i] as string, payload: c.payload }))
  if (kind === 'replyButtons') d.buttons = [...(d.buttons ?? []), ...buttons]
  else if (kind === 'quickReplies') d.quickReplies = [...(d.quickReplies ?? []), ...buttons]
  else {
    const caps = ctx.caps.list
    if (!caps) return
    d.list = {
      button: shorten(listButton ?? ctx.labels.chooseOption, caps.buttonMaxLength, ctx.ellipsis),
      sections: [
        {
          items: items.map((c, i) => ({
            id: c.payload,
            title: titles[i] as string,
            ...(c.description ? { description: shorten(c.description, caps.rowDescriptionMaxLength, ctx.ellipsis) } : {}),
          })),
        },
      ],
    }
  }
  const caps = capsOf(ctx, kind)
  if (caps?.bodyMaxLength) d.bodyMax = Math.min(d.bodyMax ?? Infinity, caps.bodyMaxLength)
  // Report every group that did not stay what it was.
  const groups = new Map<Origin, Choice[]>()
  for (const c of items) groups.set(c.origin, [...(groups.get(c.origin) ?? []), c])
  for (const [origin, group] of groups) {
    const same = (origin === 'buttons' && kind === 'replyButtons') || origin === kind
    if (same) continue
    const lostDescriptions = kind !== 'list' && group.some((c) => c.description)
    const where = group[0]?.path.replace(/(\.items)?\[\d+\]$/, '').replace(/\.sections\[\d+\]$/, '') ?? origin
    note(
      ctx,
      where,
      origin === 'list' ? 'list' : origin,
      kind,
      lostDescriptions,
      `${ctx.channel} cannot show ${group.length} ${ORIGIN_NAMES[origin]} here: shown as ${KIND_NAMES[kind]}` +
        (lostDescriptions ? ', row descriptions dropped' : ''),
    )
  }
}

function toNumbered(ctx: Ctx, d: Draft, items: readonly Choice[], heading?: string): void {
  const byOrigin = new Map<Origin, { count: number; path: string }>()
  for (const c of items) {
    d.numbered.push(c.description ? { group: c.group, title: c.title, payload: c.payload, description: c.description } : { group: c.group, title: c.title, payload: c.payload })
    const seen = byOrigin.get(c.origin)
    if (seen) seen.count++
    else byOrigin.set(c.origin, { count: 1, path: c.group })
  }
  if (heading && !d.numberedHeading) d.numberedHeading = heading
  for (const [origin, { count, path }] of byOrigin) {
    note(
      ctx,
      path,
      origin,
      'text',
      false,
      `${ctx.channel} cannot show ${count} ${ORIGIN_NAMES[origin]} natively: listed as numbered options, replies map back to their payloads`,
    )
  }
}

function fitList(ctx: Ctx, list: ListPicker, path: string): ListPicker | null {
  const caps = ctx.caps.list
  if (!caps || ctx.textOnly) return null
  const rows = list.sections.flatMap((s) => s.items)
  if (rows.length > caps.maxRows) return null
  if (rows.some((r) => r.id.length > caps.rowIdMaxLength)) return null
  const titles = fitTitles(
    rows.map((r) => r.title),
    caps.rowTitleMaxLength,
  )
  if (!titles) return null
  // Several sections need a title each (WhatsApp); untitled sections merge into one.
  let sections = list.sections
  if (sections.length > 1 && sections.some((s) => !s.title)) {
    sections = [{ items: rows }]
    note(ctx, `${path}.sections`, 'sections', 'section', false, `${ctx.channel} needs a title on every section: ${list.sections.length} untitled sections merged into one`)
  }
  if (sections.length > caps.maxSections) return null
  let row = 0
  const out: ListPicker = {
    button: shorten(list.button, caps.buttonMaxLength, ctx.ellipsis),
    sections: sections.map((s, si) => ({
      ...(s.title ? { title: shorten(s.title, caps.sectionTitleMaxLength, ctx.ellipsis) } : {}),
      items: s.items.map((item) => {
        const title = titles[row++] as string
        const description = item.description ? shorten(item.description, caps.rowDescriptionMaxLength, ctx.ellipsis) : undefined
        if (description !== undefined && description !== item.description)
          note(ctx, `${path}.sections[${si}].items`, 'description', 'description', true, `a row description was shortened to ${caps.rowDescriptionMaxLength} chars for ${ctx.channel}`)
        if (title !== item.title)
          note(ctx, `${path}.sections[${si}].items`, 'title', 'title', true, `"${item.title}" shortened to "${title}": ${ctx.channel} list rows allow ${caps.rowTitleMaxLength}`)
        return { id: item.id, title, ...(description ? { description } : {}) }
      }),
    })),
  }
  if (out.button !== list.button)
    note(ctx, `${path}.button`, 'title', 'title', true, `"${list.button}" shortened to "${out.button}": ${ctx.channel} list buttons allow ${caps.buttonMaxLength}`)
  sections.forEach((s, si) => {
    const t = out.sections[si]?.title
    if (s.title && t !== s.title)
      note(ctx, `${path}.sections[${si}].title`, 'title', 'title', true, `"${s.title}" shortened to "${t}" for ${ctx.channel}`)
  })
  return out
}

function actionButtons<T extends UrlButton | CallButton>(
  ctx: Ctx,
  d: Draft,
  items: ReadonlyArray<{ btn: T; path: string }>,
  kind: 'urlButtons' | 'callButtons',
): void {
  if (items.length === 0) return
  const caps = ctx.caps[kind]
  const hasReplies = Boolean(d.list || d.quickReplies?.length || d.buttons?.some((b) => b.type === 'reply'))
  const total = nativeActions(d) + items.length
  const maxButtons = ctx.caps.maxButtonsPerMessage
  const overButtons = maxButtons !== undefined && (d.buttons?.length ?? 0) + items.length > maxButtons
  const titles =
    caps && !ctx.textOnly && items.length <= caps.max && (caps.mixWithReplies || !hasReplies) && !overButtons &&
    (ctx.caps.maxActionsPerMessage === undefined || total <= ctx.caps.maxActionsPerMessage)
      ? fitTitles(
          items.map((i) => i.btn.title),
          caps.titleMaxLength,
        )
      : null
  if (titles) {
    items.forEach((item, i) => {
      const t = titles[i] as string
      if (t !== item.btn.title)
        note(ctx, `${item.path}.title`, 'title', 'title', true, `"${item.btn.title}" shortened to "${t}": ${ctx.channel} allows ${t.length}`)
    })
    d.buttons = [...(d.buttons ?? []), ...items.map((item, i) => ({ ...item.btn, title: titles[i] as string }))]
    if (caps && caps.bodyMaxLength) d.bodyMax = Math.min(d.bodyMax ?? Infinity, caps.bodyMaxLength)
    return
  }
  for (const { btn, path } of items) {
    const target = btn.type === 'url' ? btn.url : btn.phone
    const title = plainText(btn.title)
    d.sections.push({ plain: title === target ? target : `${title}: ${target}`, origin: path })
    const why = !caps
      ? `${ctx.channel} has no ${btn.type} buttons`
      : hasReplies && !caps.mixWithReplies
        ? `${ctx.channel} cannot mix ${btn.type} buttons with reply buttons`
        : overButtons && items.length <= caps.max
          ? `${ctx.channel} shows at most ${maxButtons} buttons in one message`
          : `${ctx.channel} allows ${caps.max} ${btn.type} button${caps.max === 1 ? '' : 's'} per message`
    note(ctx, path, `${btn.type} button`, 'text', false, `${why}: shown as "${title}: ${target}" in the text`)
  }
}

/**
 * Places the message's (or a card's) buttons, quick replies and list on `d`, natively where they
 * fit and as text otherwise.
 */
export function planChoices(ctx: Ctx, d: Draft, input: ChoiceInput): void {
  const replies: Choice[] = []
  const urls: Array<{ btn: UrlButton; path: string }> = []
  const calls: Array<{ btn: CallButton; path: string }> = []
  input.buttons?.forEach((b, i) => {
    const path = `${input.buttonsPath}[${i}]`
    if (b.type === 'reply') replies.push({ title: b.title, payload: b.payload, path, group: input.buttonsPath, origin: 'buttons' })
    else if (b.type === 'url') urls.push({ btn: b, path })
    else calls.push({ btn: b, path })
  })

  let listHeading: string | undefined
  if (input.list) {
    const fitted = fitList(ctx, input.list, 'list')
    if (fitted) {
      d.list = fitted
      const caps = ctx.caps.list
      if (caps) d.bodyMax = Math.min(d.bodyMax ?? Infinity, caps.bodyMaxLength)
    } else {
      listHeading = input.list.button
      input.list.sections.forEach((s, si) =>
        s.items.forEach((item, ii) =>
          replies.push({
            title: item.title,
            payload: item.id,
            path: `list.sections[${si}].items[${ii}]`,
            group: 'list',
            origin: 'list',
            ...(item.description ? { description: item.description } : {}),
          }),
        ),
      )
    }
  }
  input.quickReplies?.forEach((q, i) => replies.push({ title: q.title, payload: q.payload, path: `quickReplies[${i}]`, group: 'quickReplies', origin: 'quickReplies' }))

  const extra = urls.length + calls.length
  if (replies.length && !ctx.textOnly) {
    const asAuthored = splitNative(ctx, d, replies, extra)
    if (!asAuthored) {
      const prefersChips = replies[0]?.origin !== 'buttons'
      const ladder: Kind[] = prefersChips ? ['quickReplies', 'replyButtons', 'list'] : ['replyButtons', 'quickReplies', 'list']
      let placed = false
      for (const kind of ladder) {
        const titles = fits(ctx, d, kind, replies, extra, extra)
        if (titles) {
          apply(ctx, d, kind, replies, titles, listHeading)
          placed = true
          break
        }
      }
      if (!placed) toNumbered(ctx, d, replies, listHeading)
    }
  } else if (replies.length) {
    toNumbered(ctx, d, replies, listHeading)
  }

  actionButtons(ctx, d, urls, 'urlButtons')
  actionButtons(ctx, d, calls, 'callButtons')
  // Native buttons keep the order the author gave them.
  if (d.buttons && input.buttons) {
    const rank = (b: Button) => input.buttons?.findIndex((o) => o.type === b.type && identity(o) === identity(b)) ?? -1
    d.buttons.sort((a, b) => rank(a) - rank(b))
  }
}

function identity(b: Button): string {
  return b.type === 'reply' ? b.payload : b.type === 'url' ? b.url : b.phone
}

/** The first rung: each group as authored (buttons as reply buttons, quick replies and list rows as chips). */
function splitNative(ctx: Ctx, d: Draft, replies: readonly Choice[], extra: number): boolean {
  const buttons = replies.filter((c) => c.origin === 'buttons')
  const chips = replies.filter((c) => c.origin !== 'buttons')
  const buttonTitles = buttons.length ? fits(ctx, d, 'replyButtons', buttons, extra + chips.length, extra) : []
  if (!buttonTitles) return false
  const chipTitles = chips.length ? fits(ctx, d, 'quickReplies', chips, extra + buttons.length, extra + buttons.length) : []
  if (!chipTitles) return false
  if (buttons.length) apply(ctx, d, 'replyButtons', buttons, buttonTitles)
  if (chips.length) apply(ctx, d, 'quickReplies', chips, chipTitles)
  return true
}
