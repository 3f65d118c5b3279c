import type { FormattingDialect } from '../../channels/capabilities.js'
import type { Button, Message } from '../../message/types.js'

// A terminal picture of one rendered message: what a person on the channel would see.

function button(b: Button): string {
  if (b.type === 'url') return `[ ${b.title} ↗ ]`
  if (b.type === 'call') return `[ ☎ ${b.title} ]`
  return `[ ${b.title} ]`
}

function wrap(text: string, width: number): string[] {
  const out: string[] = []
  for (const raw of text.split('\n')) {
    let line = raw
    while ([...line].length > width) {
      const chars = [...line]
      let cut = chars.slice(0, width).join('').lastIndexOf(' ')
      if (cut < width / 2) cut = chars.slice(0, width).join('').length
      out.push(line.slice(0, cut))
      line = line.slice(cut).replace(/^ /, '')
    }
    out.push(line)
  }
  return out
}

/**
 * The text as the person reads it: Telegram's escapes and HTML tags are the app's business, not
 * the reader's. WhatsApp's `*bold*` is kept: it is what the app shows as bold.
 */
function visible(text: string, dialect: FormattingDialect): string {
  if (dialect === 'telegram-markdown-v2') return text.replace(/\\(.)/g, '$1')
  if (dialect === 'telegram-html')
    return text
      .replace(/<a href="([^"]*)">(.*?)<\/a>/g, '$2 ($1)')
      .replace(/<\/?(b|i|s|code)>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  return text
}

/** Lines showing `message` as a chat bubble would, `width` columns wide. */
export function previewLines(message: Message, width = 60, dialect: FormattingDialect = 'plain'): string[] {
  const lines: string[] = []
  if (message.template) {
    const vars = message.template.variables
    const shown = Array.isArray(vars) ? vars.join(', ') : vars ? Object.entries(vars).map(([k, v]) => `${k}=${v}`).join(', ') : ''
    lines.push(`📄 template ${message.template.name}${message.template.language ? ` (${message.template.language})` : ''}${shown ? `: ${shown}` : ''}`)
  }
  for (const m of message.media ?? []) lines.push(`${m.type === 'image' ? '🖼' : m.type === 'video' ? '🎞' : m.type === 'audio' ? '🔊' : '📎'} ${m.type} ${m.url}`)
  if (message.text) lines.push(...wrap(visible(message.text, dialect), width))
  if (message.cards?.length) {
    const label = message.cards.length > 1 ? `carousel of ${message.cards.length} cards` : 'card'
    lines.push(`⟨ ${label} ⟩`)
    message.cards.forEach((c, i) => {
      lines.push(`  ┌ ${message.cards && message.cards.length > 1 ? `${i + 1}/${message.cards.length} ` : ''}${c.title ?? ''}`)
      if (c.media) lines.push(`  │ 🖼 ${c.media.url}`)
      if (c.text) for (const l of wrap(c.text, width - 4)) lines.push(`  │ ${l}`)
      if (c.buttons?.length) lines.push(`  │ ${c.buttons.map(button).join(' ')}`)
      lines.push('  └')
    })
  }
  if (message.list) {
    lines.push(`☰ ${message.list.button}`)
    for (const s of message.list.sections) {
      if (s.title) lines.push(`  ${s.title}`)
      for (const item of s.items) lines.push(`   ○ ${item.title}${item.description ? ` — ${item.description}` : ''}`)
    }
  }
  if (message.location) {
    const l = message.location
    lines.push(`📍 ${[l.name, l.address].filter(Boolean).join(', ') || 'location'} (${l.latitude}, ${l.longitude})`)
  }
  if (message.buttons?.length) lines.push(message.buttons.map(button).join(' '))
  if (message.quickReplies?.length) lines.push(message.quickReplies.map((q) => `( ${q.title} )`).join(' '))
  return lines
}
