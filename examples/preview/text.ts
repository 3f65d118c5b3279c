// Shows a rendered text the way the app would: WhatsApp's *bold* _italic_ ~strike~, Telegram's
// MarkdownV2 (escapes, entities, links), or plain text with links made clickable. The input is what
// render() produced for the channel; the output is DOM nodes, never HTML strings.
import type { FormattingDialect } from 'anychannel'
import { h } from './dom.js'

const URL_RE = /\bhttps?:\/\/[^\s<>]*[^\s<>.,;:!?'")\]]/g

/** Text with bare URLs turned into links (every app here auto-links them). */
function linkify(text: string): Node[] {
  const out: Node[] = []
  let last = 0
  for (const m of text.matchAll(URL_RE)) {
    const at = m.index ?? 0
    if (at > last) out.push(document.createTextNode(text.slice(last, at)))
    out.push(h('a', { href: m[0], target: '_blank', rel: 'noopener noreferrer' }, m[0]))
    last = at + m[0].length
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)))
  return out
}

const WORD = '[\\p{L}\\p{N}]'
const WHATSAPP: ReadonlyArray<{ re: RegExp; tag: 'pre' | 'code' | 'strong' | 'em' | 's' }> = [
  { re: /```([\s\S]+?)```/u, tag: 'pre' },
  { re: /`([^`\n]+)`/u, tag: 'code' },
  { re: new RegExp(`(?<!${WORD})\\*(\\S(?:[^*\\n]*?\\S)?)\\*(?!${WORD})`, 'u'), tag: 'strong' },
  { re: new RegExp(`(?<!${WORD})_(\\S(?:[^_\\n]*?\\S)?)_(?!${WORD})`, 'u'), tag: 'em' },
  { re: new RegExp(`(?<!${WORD})~(\\S(?:[^~\\n]*?\\S)?)~(?!${WORD})`, 'u'), tag: 's' },
]

function whatsapp(text: string): Node[] {
  let first: { index: number; length: number; inner: string; tag: (typeof WHATSAPP)[number]['tag'] } | undefined
  for (const { re, tag } of WHATSAPP) {
    const m = re.exec(text)
    if (m && (first === undefined || m.index < first.index)) first = { index: m.index, length: m[0].length, inner: m[1] ?? '', tag }
  }
  if (!first) return linkify(text)
  const inner = first.tag === 'pre' || first.tag === 'code' ? [document.createTextNode(first.inner)] : whatsapp(first.inner)
  return [...linkify(text.slice(0, first.index)), h(first.tag, null, inner), ...whatsapp(text.slice(first.index + first.length))]
}

/** Index of the next unescaped `char` at or after `from`, or -1. */
function unescapedIndex(src: string, char: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\') i++
    else if (src.startsWith(char, i)) return i
  }
  return -1
}

const unescape = (s: string) => s.replace(/\\([\s\S])/g, '$1')

/** Telegram MarkdownV2 (https://core.telegram.org/bots/api#markdownv2-style) as Telegram shows it. */
function telegram(src: string): Node[] {
  const root = document.createDocumentFragment()
  const stack: Array<{ marker: string; el: Node }> = [{ marker: '', el: root }]
  let buf = ''
  const top = () => (stack[stack.length - 1] as { el: Node }).el
  const flush = () => {
    if (buf) for (const n of linkify(buf)) top().appendChild(n)
    buf = ''
  }
  const TAGS: Record<string, 'strong' | 'em' | 'u' | 's' | 'span'> = { '*': 'strong', _: 'em', __: 'u', '~': 's', '||': 'span' }
  let i = 0
  while (i < src.length) {
    const c = src[i] as string
    if (c === '\\' && i + 1 < src.length) {
      buf += src[i + 1]
      i += 2
      continue
    }
    if (c === '`') {
      const fence = src.startsWith('```', i) ? '```' : '`'
      const end = unescapedIndex(src, fence, i + fence.length)
      if (end !== -1) {
        flush()
        top().appendChild(h(fence === '```' ? 'pre' : 'code', null, unescape(src.slice(i + fence.length, end))))
        i = end + fence.length
        continue
      }
    }
    if (c === '[') {
      const close = unescapedIndex(src, ']', i + 1)
      const urlEnd = close !== -1 && src[close + 1] === '(' ? unescapedIndex(src, ')', close + 2) : -1
      if (urlEnd !== -1) {
        flush()
        const url = unescape(src.slice(close + 2, urlEnd))
        top().appendChild(h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, telegram(src.slice(i + 1, close))))
        i = urlEnd + 1
        continue
      }
    }
    const marker = src.startsWith('__', i) ? '__' : src.startsWith('||', i) ? '||' : '*_~'.includes(c) ? c : ''
    if (marker) {
      flush()
      if ((stack[stack.length - 1] as { marker: string }).marker === marker) stack.pop()
      else {
        const el = h(TAGS[marker] ?? 'span', marker === '||' ? { class: 'spoiler' } : null)
        top().appendChild(el)
        stack.push({ marker, el })
      }
      i += marker.length
      continue
    }
    buf += c
    i++
  }
  flush()
  return [root]
}

/** The nodes showing `text` as written in `dialect`. */
export function formatted(text: string, dialect: FormattingDialect): Node[] {
  switch (dialect) {
    case 'whatsapp':
      return whatsapp(text)
    case 'telegram-markdown-v2':
      return telegram(text)
    default:
      return linkify(text)
  }
}
