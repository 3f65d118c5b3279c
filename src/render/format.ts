import type { FormattingDialect } from '../channels/capabilities.js'

// The message model's text uses a small Markdown subset: **bold**, _italic_ (or *italic*),
// ~~strike~~, `code` and [label](url). Anything else is literal text. This module parses that
// subset once and writes it in each channel's dialect, escaping what the dialect reserves.

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: Node[] }
  | { kind: 'code'; value: string }
  | { kind: 'link'; label: Node[]; url: string }

const MARKERS: ReadonlyArray<{ open: string; kind: 'bold' | 'italic' | 'strike' }> = [
  { open: '**', kind: 'bold' },
  { open: '__', kind: 'bold' },
  { open: '~~', kind: 'strike' },
  { open: '*', kind: 'italic' },
  { open: '_', kind: 'italic' },
]

const SPECIAL = /[*_~`[]/

// Parsing is pure: the same text (a message body rendered for several channels, the same template
// in a bulk send) reuses its tree. Small and bounded.
const parsed = new Map<string, Node[]>()
const PARSE_CACHE = 256

function parse(src: string): Node[] {
  const hit = parsed.get(src)
  if (hit) return hit
  const nodes = parseUncached(src)
  if (parsed.size >= PARSE_CACHE) parsed.delete(parsed.keys().next().value as string)
  parsed.set(src, nodes)
  return nodes
}

function parseUncached(src: string): Node[] {
  const nodes: Node[] = []
  let buf = ''
  let i = 0
  const flush = () => {
    if (buf) nodes.push({ kind: 'text', value: buf })
    buf = ''
  }
  while (i < src.length) {
    const ch = src[i] as string
    if (!SPECIAL.test(ch)) {
      buf += ch
      i++
      continue
    }
    if (ch === '`') {
      const end = src.indexOf('`', i + 1)
      if (end > i + 1) {
        flush()
        nodes.push({ kind: 'code', value: src.slice(i + 1, end) })
        i = end + 1
        continue
      }
    } else if (ch === '[') {
      const close = src.indexOf('](', i + 1)
      const end = close > i ? closingParen(src, close + 2) : -1
      if (close > i + 1 && end > close + 2 && !src.slice(i + 1, close).includes('\n')) {
        const url = src.slice(close + 2, end)
        if (/^(https?:|mailto:|tel:)\S+$/i.test(url)) {
          flush()
          nodes.push({ kind: 'link', label: parse(src.slice(i + 1, close)), url })
          i = end + 1
          continue
        }
      }
    } else {
      const marker = MARKERS.find((m) => src.startsWith(m.open, i))
      if (marker) {
        const start = i + marker.open.length
        const end = findClose(src, start, marker.open)
        // Emphasis must hug its content (`* not bold *`) and `_` must not be inside a word (snake_case).
        const before = src[i - 1]
        const wordy = marker.open[0] === '_' && before !== undefined && /[\p{L}\p{N}]/u.test(before)
        if (end > start && !wordy) {
          flush()
          nodes.push({ kind: marker.kind, children: parse(src.slice(start, end)) })
          i = end + marker.open.length
          continue
        }
      }
    }
    buf += ch
    i++
  }
  flush()
  return nodes
}

/** Index of the `)` that closes a link target starting at `from`, allowing balanced parentheses inside. */
function closingParen(src: string, from: number): number {
  let depth = 0
  for (let i = from; i < src.length; i++) {
    const c = src[i]
    if (c === '(') depth++
    else if (c === ')') {
      if (depth === 0) return i
      depth--
    } else if (c === ' ' || c === '\n') return -1
  }
  return -1
}

function findClose(src: string, from: number, marker: string): number {
  if (/\s/.test(src[from] ?? ' ')) return -1
  let at = src.indexOf(marker, from)
  while (at !== -1) {
    const prev = src[at - 1] ?? ' '
    const next = src[at + marker.length]
    const nextIsWord = marker[0] === '_' && next !== undefined && /[\p{L}\p{N}]/u.test(next)
    // A single `*` closer must not be the start of `**`.
    const doubled = marker.length === 1 && src[at + 1] === marker
    if (!/\s/.test(prev) && !nextIsWord && !doubled && at > from) return at
    at = src.indexOf(marker, at + (doubled ? 2 : 1))
  }
  return -1
}

const MARKS: Record<FormattingDialect, Record<'bold' | 'italic' | 'strike', [string, string]>> = {
  plain: { bold: ['', ''], italic: ['', ''], strike: ['', ''] },
  whatsapp: { bold: ['*', '*'], italic: ['_', '_'], strike: ['~', '~'] },
  'telegram-markdown-v2': { bold: ['*', '*'], italic: ['_', '_'], strike: ['~', '~'] },
  'telegram-html': { bold: ['<b>', '</b>'], italic: ['<i>', '</i>'], strike: ['<s>', '</s>'] },
  markdown: { bold: ['**', '**'], italic: ['_', '_'], strike: ['~~', '~~'] },
}

// Telegram MarkdownV2: every one of these must be escaped outside entities.
const MDV2_RESERVED = /[_*[\]()~`>#+\-=|{}.!\\]/g

/**
 * Escapes `text` so it shows literally in `dialect` (used for text anychannel composes): every
 * MarkdownV2 reserved character with a backslash, `&`, `<` and `>` as entities for Telegram HTML,
 * `*`, `_`, `~`, `[`, `]`, `\` and the backtick with a backslash for Markdown; `plain` and
 * `whatsapp` text is returned unchanged.
 *
 * @example
 * ```ts
 * escapeText('Total: 5.00 (incl. VAT)', 'telegram-markdown-v2') // 'Total: 5\\.00 \\(incl\\. VAT\\)'
 * escapeText('a < b & c', 'telegram-html')                       // 'a &lt; b &amp; c'
 * ```
 */
export function escapeText(text: string, dialect: FormattingDialect): string {
  switch (dialect) {
    case 'telegram-markdown-v2':
      return text.replace(MDV2_RESERVED, '\\$&')
    case 'telegram-html':
      return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    case 'markdown':
      return text.replace(/[*_~`[\]\\]/g, '\\$&')
    default:
      return text
  }
}

function write(nodes: readonly Node[], dialect: FormattingDialect): string {
  let out = ''
  for (const n of nodes) out += writeNode(n, dialect)
  return out
}

function writeNode(n: Node, d: FormattingDialect): string {
  switch (n.kind) {
    case 'text':
      return escapeText(n.value, d)
    case 'code':
      if (d === 'telegram-markdown-v2') return '`' + n.value.replace(/[`\\]/g, '\\$&') + '`'
      if (d === 'telegram-html') return `<code>${escapeText(n.value, d)}</code>`
      if (d === 'whatsapp' || d === 'markdown') return '`' + n.value + '`'
      return n.value
    case 'link': {
      const label = write(n.label, d)
      if (d === 'telegram-markdown-v2') return `[${label}](${n.url.replace(/[)\\]/g, '\\$&')})`
      if (d === 'telegram-html') return `<a href="${n.url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">${label}</a>`
      if (d === 'markdown') return `[${label}](${n.url})`
      // Channels without link markup show the address after the label (auto-linked by the app).
      return write(n.label, 'plain') === n.url ? n.url : `${label} (${n.url})`
    }
    default: {
      const inner = write(n.children, d)
      const [open, close] = MARKS[d][n.kind]
      return open + inner + close
    }
  }
}

/**
 * Writes model text (`**bold**`, `_italic_`, `~~strike~~`, `` `code` ``, `[label](url)`) in a
 * channel's dialect, escaping every character the dialect reserves.
 *
 * @example
 * ```ts
 * formatText('**Order** #1 (paid)', 'whatsapp')             // '*Order* #1 (paid)'
 * formatText('**Order** #1 (paid)', 'telegram-markdown-v2') // '*Order* \\#1 \\(paid\\)'
 * formatText('**Order** #1 (paid)', 'plain')                // 'Order #1 (paid)'
 * ```
 */
export function formatText(text: string, dialect: FormattingDialect): string {
  if (dialect !== 'telegram-markdown-v2' && dialect !== 'telegram-html' && !SPECIAL.test(text)) return text
  return write(parse(text), dialect)
}

/** The kinds of markup `text` uses (`bold`, `italic`, `strike`, `code`, `link`). */
export function markupIn(text: string): Set<string> {
  const kinds = new Set<string>()
  if (!SPECIAL.test(text)) return kinds
  const walk = (nodes: readonly Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'text') continue
      kinds.add(n.kind)
      if (n.kind === 'link') walk(n.label)
      else if (n.kind !== 'code') walk(n.children)
    }
  }
  walk(parse(text))
  return kinds
}

/**
 * The visible text without any markup (for titles, card fields and SMS): emphasis markers are
 * removed and a link becomes `label (url)`.
 *
 * @example
 * ```ts
 * plainText('**Order** shipped: [track it](https://ex.am/t/1)') // 'Order shipped: track it (https://ex.am/t/1)'
 * ```
 */
export function plainText(text: string): string {
  return SPECIAL.test(text) ? write(parse(text), 'plain') : text
}
