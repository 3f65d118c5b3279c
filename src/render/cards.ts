import type { Button, Card, ReplyButton } from '../message/types.js'
import { planChoices } from './choices.js'
import { type ChoiceRef, type Ctx, type Draft, newDraft, note } from './context.js'
import { plainText } from './format.js'
import { attachOrLink, cardMediaAsText } from './media.js'
import { fitTitles, shorten } from './text.js'

// The card ladder: native carousel (trimmed to the channel's maximum) → single cards → media
// messages with a caption and the card's buttons → text entries in the main message.

/** Runs `fn`; if it returns null, everything it reported or numbered is rolled back. */
function attempt<T>(ctx: Ctx, fn: () => T | null): T | null {
  const report = ctx.report.length
  const out = fn()
  if (out === null) ctx.report.length = report
  return out
}

function buttonTitleMax(ctx: Ctx, b: Button): number {
  const c = ctx.caps
  const caps = b.type === 'reply' ? c.replyButtons || c.quickReplies : b.type === 'url' ? c.urlButtons : c.callButtons
  return caps ? caps.titleMaxLength : 20
}

function fitCard(ctx: Ctx, card: Card, index: number, inCarousel: boolean): Card | null {
  const caps = ctx.caps.card
  if (!caps) return null
  const path = `cards[${index}]`
  const buttons = card.buttons ?? []
  if (buttons.length > caps.buttonsMax) return null
  if (buttons.some((b) => !caps.buttonTypes.includes(b.type))) return null
  if (card.media && !caps.mediaTypes.includes(card.media.type)) return null
  if (caps.titleRequired && !card.title) return null
  if (caps.contentRequired && !card.text && !card.media && buttons.length === 0) return null
  const titles = buttons.length ? fitTitles(buttons.map((b) => b.title), Math.min(...buttons.map((b) => buttonTitleMax(ctx, b)))) : []
  if (!titles) return null

  const out: Card = {}
  if (card.title) {
    const plain = plainText(card.title)
    out.title = shorten(plain, caps.titleMaxLength, ctx.ellipsis)
    if (out.title !== plain)
      note(ctx, `${path}.title`, 'title', 'title', true, `${plain.length} chars, ${ctx.channel} card titles allow ${caps.titleMaxLength}: shortened`)
  }
  if (card.text) {
    const max = (inCarousel && ctx.caps.carousel && ctx.caps.carousel.cardTextMaxLength) || caps.textMaxLength
    const plain = plainText(card.text)
    out.text = shorten(plain, max, ctx.ellipsis)
    if (out.text !== plain)
      note(ctx, `${path}.text`, 'text', 'text', true, `${plain.length} chars, ${ctx.channel} card text allows ${max}: shortened`)
  }
  if (card.media) out.media = card.media
  if (buttons.length) {
    out.buttons = buttons.map((b, i) => {
      const t = titles[i] as string
      if (t !== b.title) note(ctx, `${path}.buttons[${i}].title`, 'title', 'title', true, `"${b.title}" shortened to "${t}" for ${ctx.channel}`)
      return { ...b, title: t }
    })
  }
  return out
}

function asCarousel(ctx: Ctx, primary: Draft, cards: readonly Card[]): Draft[] | null {
  const caps = ctx.caps.carousel
  if (!caps || ctx.textOnly || cards.length < caps.minCards) return null
  const kept = cards.slice(0, caps.maxCards)
  const fitted: Card[] = []
  for (let i = 0; i < kept.length; i++) {
    const c = fitCard(ctx, kept[i] as Card, i, true)
    if (!c) return null
    fitted.push(c)
  }
  if (caps.sameButtonCount && new Set(fitted.map((c) => c.buttons?.length ?? 0)).size > 1) return null
  if (kept.length < cards.length) {
    const dropped = cards.length - kept.length
    note(
      ctx,
      'cards',
      'carousel',
      'carousel',
      true,
      `${cards.length} cards, ${ctx.channel} carousels hold ${caps.maxCards}: the last ${dropped} dropped` +
        (ctx.fallbackUrl ? ', linked through fallback.url' : ''),
    )
    if (ctx.fallbackUrl) primary.needsMoreLink = true
  }
  const d = newDraft()
  d.cards = fitted
  return [d]
}

function asSingleCards(ctx: Ctx, cards: readonly Card[]): Draft[] | null {
  if (!ctx.caps.card || ctx.textOnly) return null
  const drafts: Draft[] = []
  for (let i = 0; i < cards.length; i++) {
    const c = fitCard(ctx, cards[i] as Card, i, false)
    if (!c) return null
    const d = newDraft()
    d.cards = [c]
    drafts.push(d)
  }
  if (cards.length > 1) {
    const why = !ctx.caps.carousel
      ? `${ctx.channel} has no carousel`
      : `a ${ctx.channel} carousel needs ${ctx.caps.carousel.minCards}–${ctx.caps.carousel.maxCards} cards with the same layout`
    note(ctx, 'cards', 'carousel', 'cards', false, `${why}: ${cards.length} cards sent one by one`)
  }
  return drafts
}

function asMessages(ctx: Ctx, cards: readonly Card[]): Draft[] {
  const drafts: Draft[] = []
  let withMedia = 0
  cards.forEach((card, i) => {
    const d = newDraft()
    const heading = card.title ? `**${plainText(card.title)}**` : ''
    const body = [heading, card.text ?? ''].filter(Boolean).join('\n')
    if (body) d.sections.push({ md: body })
    planChoices(ctx, d, { ...(card.buttons ? { buttons: card.buttons } : {}), buttonsPath: `cards[${i}].buttons` })
    if (card.media) {
      withMedia++
      const before = attachOrLink(ctx, d, card.media, `cards[${i}].media`)
      if (before) drafts.push(before)
    }
    drafts.push(d)
  })
  const what = withMedia ? 'media messages with captions and their buttons' : 'text messages with their buttons'
  note(ctx, 'cards', cards.length > 1 ? 'carousel' : 'card', 'messages', false, `${ctx.channel} has no cards: ${cards.length} card${cards.length > 1 ? 's' : ''} sent as ${what}`)
  return drafts
}

/** One card on a text-only channel reads as a message: title, text, links, then numbered options. */
function singleAsText(ctx: Ctx, primary: Draft, card: Card): void {
  const heading = [card.title ? plainText(card.title) : '', card.text ? plainText(card.text) : ''].filter(Boolean).join('\n')
  if (heading) primary.sections.push({ plain: heading, origin: 'cards[0]' })
  let what = 'as text'
  let lossy = false
  if (card.media) {
    const m = cardMediaAsText(ctx, primary, card.media)
    if (m.text) primary.sections.push({ plain: m.text, origin: 'cards[0].media' })
    lossy = m.kind !== 'attached'
    what = m.kind === 'attached' ? `as text with its ${card.media.type} attached` : m.kind === 'dropped' ? 'as text, image dropped (fallback.url links the full content)' : `as text, ${card.media.type} kept as a link`
  }
  card.buttons?.forEach((b, i) => {
    const origin = `cards[0].buttons[${i}]`
    if (b.type === 'url') primary.sections.push({ plain: `${plainText(b.title)}: ${b.url}`, origin })
    else if (b.type === 'call') primary.sections.push({ plain: `${plainText(b.title)}: ${b.phone}`, origin })
    else primary.numbered.push({ title: b.title, payload: b.payload, group: 'cards[0].buttons' })
  })
  note(ctx, 'cards', 'card', 'text', lossy, `${ctx.channel} has no cards: the card is sent ${what}, its buttons as links and numbered options`)
}

function asText(ctx: Ctx, primary: Draft, cards: readonly Card[]): void {
  if (cards.length === 1) return singleAsText(ctx, primary, cards[0] as Card)
  let links = 0
  let dropped = 0
  cards.forEach((card, i) => {
    const buttons = card.buttons ?? []
    const replies = buttons.filter((b): b is ReplyButton => b.type === 'reply')
    const title = card.title ? plainText(card.title) : ''
    let text = [title, card.text ? plainText(card.text) : ''].filter(Boolean).join(ctx.dash)
    // A card picked by its number says what the number does: "1. Blue shirt - $25 (Buy again)".
    if (replies.length === 1 && title) text += ` (${plainText((replies[0] as ReplyButton).title)})`
    for (const b of buttons) {
      if (b.type === 'url') text += ` ${b.url}`
      else if (b.type === 'call') text += ` ${plainText(b.title)}: ${b.phone}`
    }
    if (card.media) {
      const m = cardMediaAsText(ctx, primary, card.media)
      if (m.kind === 'dropped') dropped++
      if (m.kind === 'link') links++
      if (m.text) text += m.kind === 'attached' ? ` (${m.text})` : ` ${m.text}`
    }
    // Numbers are reply keys, never decoration: a card gets a number only when replying with it
    // picks the card's one reply button; several buttons each get their own number.
    const group = `cards[${i}].buttons`
    const choices: ChoiceRef[] =
      replies.length === 1
        ? [{ title: title || (replies[0] as ReplyButton).title, payload: (replies[0] as ReplyButton).payload, group, extraKeys: title ? [(replies[0] as ReplyButton).title] : [] }]
        : replies.map((r) => ({ title: `${r.title} (${title || i + 1})`, payload: r.payload, group, extraKeys: [r.title] }))
    primary.sections.push({ entry: { text, choices, bullet: cards.length > 1 }, origin: `cards[${i}]` })
  })
  const media = links ? `, ${links} media kept as links` : ''
  const drop = dropped ? `, ${dropped} images dropped (fallback.url links the full content)` : ''
  note(
    ctx,
    'cards',
    cards.length > 1 ? 'carousel' : 'card',
    'text',
    links + dropped > 0,
    `${ctx.channel} has no cards: ${cards.length} card${cards.length > 1 ? 's' : ''} listed as text${media}${drop}`,
  )
}

/**
 * Places the message's cards: returns the drafts to send for them; text entries go into `primary`.
 */
export function planCards(ctx: Ctx, primary: Draft, cards: readonly Card[]): Draft[] {
  if (!ctx.textOnly) {
    const carousel = cards.length > 1 ? attempt(ctx, () => asCarousel(ctx, primary, cards)) : null
    if (carousel) return carousel
    const single = attempt(ctx, () => asSingleCards(ctx, cards))
    if (single) return single
    return asMessages(ctx, cards)
  }
  asText(ctx, primary, cards)
  return []
}
