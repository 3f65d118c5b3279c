// One chat channel's conversation view: the messages render() produced for it, drawn the way the
// app lays them out (bubbles, buttons, chips, cards, carousels, list pickers, locations, templates).
import { type Button, type Card, type FormattingDialect, type Media, type Message, mapsUrl } from 'anychannel'
import { h, icon } from './dom.js'
import { formatted } from './text.js'

// Material Design icon paths (Apache 2.0): image, movie, music note, description, place.
const MEDIA_ICON: Record<Media['type'], string> = {
  image: 'M21 19V5c0-1.1-.9-2-2-2H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2zM8.5 13.5l2.5 3.01L14.5 12l4.5 6H5l3.5-4.5z',
  video: 'M18 4l2 4h-3l-2-4h-2l2 4h-3l-2-4H8l2 4H7L5 4H4c-1.1 0-1.99.9-1.99 2L2 18c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V4h-4z',
  audio: 'M12 3v10.55c-.59-.34-1.27-.55-2-.55-2.21 0-4 1.79-4 4s1.79 4 4 4 4-1.79 4-4V7h4V3h-6z',
  file: 'M14 2H6c-1.1 0-1.99.9-1.99 2L4 20c0 1.1.89 2 1.99 2H18c1.1 0 2-.9 2-2V8l-6-6zm2 16H8v-2h8v2zm0-4H8v-2h8v2zm-3-5V3.5L18.5 9H13z',
}
const PIN = 'M12 2C8.13 2 5 5.13 5 9c0 5.25 7 13 7 13s7-7.75 7-13c0-3.87-3.13-7-7-7zm0 9.5c-1.38 0-2.5-1.12-2.5-2.5s1.12-2.5 2.5-2.5 2.5 1.12 2.5 2.5-1.12 2.5-2.5 2.5z'

/** Media are drawn as labelled placeholders: the preview fetches nothing from the network. */
function media(m: Media): HTMLElement {
  const name = m.filename ?? decodeURIComponent(new URL(m.url).pathname.split('/').pop() || m.url)
  return h(
    'div',
    { class: `media media--${m.type}`, title: m.url },
    icon(MEDIA_ICON[m.type], 'media-icon'),
    h('span', { class: 'media-name' }, name),
  )
}

function button(b: Button): HTMLElement {
  const mark = b.type === 'url' ? '↗ ' : b.type === 'call' ? '✆ ' : ''
  const detail = b.type === 'url' ? b.url : b.type === 'call' ? b.phone : `payload ${b.payload}`
  return h('button', { type: 'button', class: `btn btn--${b.type}`, title: detail }, mark, b.title)
}

function card(c: Card, dialect: FormattingDialect): HTMLElement {
  return h(
    'div',
    { class: 'card' },
    c.media && media(c.media),
    h(
      'div',
      { class: 'card-body' },
      c.title && h('div', { class: 'card-title' }, c.title),
      c.text && h('div', { class: 'card-text' }, formatted(c.text, dialect)),
    ),
    c.buttons?.length ? h('div', { class: 'card-buttons' }, c.buttons.map(button)) : null,
  )
}

function message(m: Message, dialect: FormattingDialect, raw: boolean): HTMLElement {
  const text = m.text === undefined ? null : raw ? h('span', { class: 'raw' }, m.text) : formatted(m.text, dialect)
  const hasBubble = text !== null || m.list || m.location || m.template || (m.media?.length ?? 0) > 0
  const bubble = hasBubble
    ? h(
        'div',
        { class: 'bubble' },
        m.media?.map(media),
        text && h('div', { class: 'text' }, text),
        m.location &&
          h(
            'a',
            { class: 'location', href: mapsUrl(m.location), target: '_blank', rel: 'noopener noreferrer' },
            h('div', { class: 'map', 'aria-hidden': 'true' }, icon(PIN, 'pin')),
            h('div', { class: 'location-name' }, m.location.name ?? 'Location'),
            m.location.address && h('div', { class: 'location-address' }, m.location.address),
            h('div', { class: 'location-coords' }, `${m.location.latitude}, ${m.location.longitude}`),
          ),
        m.template &&
          h(
            'div',
            { class: 'template' },
            h('div', { class: 'template-name' }, `Template “${m.template.name}”`, m.template.language && ` · ${m.template.language}`),
            m.template.variables &&
              h(
                'div',
                { class: 'template-vars' },
                (Array.isArray(m.template.variables)
                  ? m.template.variables.map((v, i) => [`{{${i + 1}}}`, v] as const)
                  : Object.entries(m.template.variables).map(([k, v]) => [`{{${k}}}`, v] as const)
                ).map(([k, v]) => h('span', { class: 'var' }, `${k} = ${v}`)),
              ),
          ),
        m.list &&
          h(
            'details',
            { class: 'list' },
            h('summary', { class: 'list-button' }, '☰ ', m.list.button),
            h(
              'div',
              { class: 'list-sheet' },
              m.list.sections.map((s) =>
                h(
                  'div',
                  { class: 'list-section' },
                  s.title && h('div', { class: 'list-section-title' }, s.title),
                  s.items.map((item) =>
                    h(
                      'div',
                      { class: 'list-row', title: `id ${item.id}` },
                      h('div', { class: 'list-row-title' }, item.title),
                      item.description && h('div', { class: 'list-row-description' }, item.description),
                    ),
                  ),
                ),
              ),
            ),
          ),
      )
    : null
  const cards = m.cards?.length
    ? m.cards.length === 1
      ? h('div', { class: 'single-card' }, card(m.cards[0] as Card, dialect))
      : h('div', { class: 'carousel', 'data-cards': m.cards.length }, m.cards.map((c) => card(c, dialect)))
    : null
  return h(
    'div',
    { class: 'msg' },
    bubble,
    m.buttons?.length ? h('div', { class: 'buttons' }, m.buttons.map(button)) : null,
    cards,
    m.quickReplies?.length
      ? h(
          'div',
          { class: 'chips' },
          m.quickReplies.map((q) => h('button', { type: 'button', class: 'chip', title: `payload ${q.payload}` }, q.title)),
        )
      : null,
  )
}

/** The conversation: every message in send order. */
export function conversation(messages: readonly Message[], dialect: FormattingDialect, raw: boolean): HTMLElement {
  return h(
    'div',
    { class: 'chat' },
    messages.length ? messages.map((m) => message(m, dialect, raw)) : h('div', { class: 'empty' }, 'nothing is sent on this channel'),
  )
}
