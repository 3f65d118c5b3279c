// An independent check that a rendered message fits a capability profile: every limit the render
// engine claims to respect, re-stated from the Capabilities fields.
import { segmentSms } from '../../src/sms/index.js'
import type { Capabilities, Message, RenderResult } from '../../src/index.js'

function len(s: string | undefined): number {
  return s?.length ?? 0
}

/** Problems with `m` on `caps`; empty when it fits. */
export function misfits(m: Message, caps: Capabilities): string[] {
  const p: string[] = []
  const text = m.text
  if (len(text) > caps.text.maxLength) p.push(`text ${len(text)} > ${caps.text.maxLength}`)
  const replies = (m.buttons ?? []).filter((b) => b.type === 'reply')
  const urls = (m.buttons ?? []).filter((b) => b.type === 'url')
  const calls = (m.buttons ?? []).filter((b) => b.type === 'call')
  if (m.media?.length) {
    const mc = caps.media
    if (!mc) p.push('media on a channel without media')
    else {
      if (m.media.length > mc.maxPerMessage) p.push(`${m.media.length} media > ${mc.maxPerMessage}`)
      for (const x of m.media) {
        if (!mc.types.includes(x.type)) p.push(`media type ${x.type}`)
        if (x.caption !== undefined) p.push('media caption must travel as text')
        const max = mc.maxBytes?.[x.type]
        if (max !== undefined && x.sizeBytes !== undefined && x.sizeBytes > max) p.push(`media ${x.sizeBytes} bytes > ${max}`)
      }
      if (len(text) > mc.captionMaxLength) p.push(`caption ${len(text)} > ${mc.captionMaxLength}`)
      if ((m.buttons?.length || m.list) && (!mc.withButtons || m.media.length > 1 || m.list || m.media[0]?.type === 'audio')) p.push('media with buttons not allowed')
    }
  }
  if (replies.length) {
    const c = caps.replyButtons
    if (!c) p.push('reply buttons on a channel without them')
    else {
      if (replies.length > c.max) p.push(`${replies.length} reply buttons > ${c.max}`)
      for (const b of replies) {
        if (b.title.length > c.titleMaxLength) p.push(`reply title ${b.title.length} > ${c.titleMaxLength}`)
        if (b.payload.length > c.payloadMaxLength) p.push('payload too long')
      }
      if (c.bodyMaxLength !== undefined && len(text) > c.bodyMaxLength) p.push(`body ${len(text)} > ${c.bodyMaxLength}`)
    }
  }
  for (const [kind, list] of [['urlButtons', urls], ['callButtons', calls]] as const) {
    if (!list.length) continue
    const c = caps[kind]
    if (!c) p.push(`${kind} not supported`)
    else {
      if (list.length > c.max) p.push(`${list.length} ${kind} > ${c.max}`)
      if (!c.mixWithReplies && (replies.length || m.quickReplies?.length || m.list)) p.push(`${kind} mixed with replies`)
      for (const b of list) if (b.title.length > c.titleMaxLength) p.push(`${kind} title too long`)
      if (c.bodyMaxLength !== undefined && len(text) > c.bodyMaxLength) p.push(`body ${len(text)} > ${c.bodyMaxLength} with ${kind}`)
    }
  }
  if (m.quickReplies?.length) {
    const c = caps.quickReplies
    if (!c) p.push('quick replies not supported')
    else {
      if (m.quickReplies.length > c.max) p.push(`${m.quickReplies.length} quick replies > ${c.max}`)
      for (const q of m.quickReplies) if (q.title.length > c.titleMaxLength || q.payload.length > c.payloadMaxLength) p.push('quick reply too long')
    }
  }
  if (caps.maxActionsPerMessage !== undefined && (m.buttons?.length ?? 0) + (m.quickReplies?.length ?? 0) > caps.maxActionsPerMessage) p.push('too many actions')
  if (caps.maxButtonsPerMessage !== undefined && (m.buttons?.length ?? 0) > caps.maxButtonsPerMessage) p.push(`${m.buttons?.length} buttons > ${caps.maxButtonsPerMessage}`)
  if (m.list) {
    const c = caps.list
    if (!c) p.push('list not supported')
    else {
      const rows = m.list.sections.flatMap((s) => s.items)
      if (rows.length > c.maxRows) p.push(`${rows.length} rows > ${c.maxRows}`)
      if (m.list.sections.length > c.maxSections) p.push('too many sections')
      if (m.list.sections.length > 1 && m.list.sections.some((s) => !s.title)) p.push('untitled section among several')
      if (m.list.button.length > c.buttonMaxLength) p.push('list button too long')
      for (const s of m.list.sections) if (len(s.title) > c.sectionTitleMaxLength) p.push('section title too long')
      for (const r of rows) {
        if (r.title.length > c.rowTitleMaxLength) p.push(`row title ${r.title.length} > ${c.rowTitleMaxLength}`)
        if (len(r.description) > c.rowDescriptionMaxLength) p.push('row description too long')
        if (r.id.length > c.rowIdMaxLength) p.push('row id too long')
      }
      if (len(text) > c.bodyMaxLength) p.push('list body too long')
      if (replies.length) p.push('list with reply buttons')
    }
  }
  if (m.cards?.length) {
    const cc = caps.card
    if (!cc) p.push('cards not supported')
    else {
      if (m.cards.length > 1) {
        const car = caps.carousel
        if (!car) p.push('carousel not supported')
        else {
          if (m.cards.length < car.minCards || m.cards.length > car.maxCards) p.push(`${m.cards.length} cards outside ${car.minCards}-${car.maxCards}`)
          if (car.sameButtonCount && new Set(m.cards.map((c) => c.buttons?.length ?? 0)).size > 1) p.push('cards with different button counts')
        }
      }
      for (const c of m.cards) {
        if (len(c.title) > cc.titleMaxLength) p.push(`card title ${len(c.title)} > ${cc.titleMaxLength}`)
        const textMax = (m.cards.length > 1 && caps.carousel && caps.carousel.cardTextMaxLength) || cc.textMaxLength
        if (len(c.text) > textMax) p.push(`card text ${len(c.text)} > ${textMax}`)
        if (cc.titleRequired && !c.title) p.push('card title required')
        if (cc.contentRequired && !c.text && !c.media && !c.buttons?.length) p.push('card needs more than a title')
        if ((c.buttons?.length ?? 0) > cc.buttonsMax) p.push('too many card buttons')
        for (const b of c.buttons ?? []) if (!cc.buttonTypes.includes(b.type)) p.push(`card button type ${b.type}`)
        if (c.media && !cc.mediaTypes.includes(c.media.type)) p.push(`card media ${c.media.type}`)
      }
    }
  }
  if (m.location && !caps.location) p.push('location not supported')
  if (m.template && !caps.templates) p.push('template not supported')
  if (text !== undefined && /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) p.push('lone surrogate in text')
  return p
}

/** Problems with a whole render result on `caps` (SMS: one message within the segment budget). */
export function resultMisfits(r: RenderResult, caps: Capabilities, maxSegments?: number): string[] {
  const p = r.messages.flatMap((m, i) => misfits(m, caps).map((x) => `messages[${i}]: ${x}`))
  if (caps.sms) {
    if (r.messages.length > 1) p.push('SMS must be one message')
    const t = r.messages[0]?.text
    if (t !== undefined) {
      const budget = maxSegments ?? caps.sms.maxSegments
      const info = segmentSms(t)
      if (info.segments.length > budget && !r.sms?.languageTable) p.push(`${info.segments.length} segments > ${budget}`)
    }
  }
  return p
}
