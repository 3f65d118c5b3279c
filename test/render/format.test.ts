import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeText, formatText, normalizeReplyText, plainText } from '../../src/index.js'

describe('formatText', () => {
  it('writes bold, italic, strike, code and links in each dialect', () => {
    const src = '**B** _i_ ~~s~~ `c` [L](https://a.example/x)'
    expect(formatText(src, 'plain')).toBe('B i s c L (https://a.example/x)')
    expect(formatText(src, 'whatsapp')).toBe('*B* _i_ ~s~ `c` L (https://a.example/x)')
    expect(formatText(src, 'telegram-markdown-v2')).toBe('*B* _i_ ~s~ `c` [L](https://a.example/x)')
    expect(formatText(src, 'telegram-html')).toBe('<b>B</b> <i>i</i> <s>s</s> <code>c</code> <a href="https://a.example/x">L</a>')
    expect(formatText(src, 'markdown')).toBe('**B** _i_ ~~s~~ `c` [L](https://a.example/x)')
  })

  it('nests emphasis', () => {
    expect(formatText('**bold _and italic_**', 'whatsapp')).toBe('*bold _and italic_*')
    expect(formatText('**bold _and italic_**', 'telegram-html')).toBe('<b>bold <i>and italic</i></b>')
  })

  it('leaves snake_case, lone markers and spaced asterisks literal', () => {
    expect(formatText('user_id and max_value', 'whatsapp')).toBe('user_id and max_value')
    expect(formatText('2 * 3 * 4', 'plain')).toBe('2 * 3 * 4')
    expect(formatText('a ** b', 'whatsapp')).toBe('a ** b')
    expect(formatText('user_id', 'telegram-markdown-v2')).toBe('user\\_id')
  })

  it('escapes every MarkdownV2 reserved character outside entities, and ) and \\ in link URLs', () => {
    const reserved = '_*[]()~`>#+-=|{}.!\\'
    expect(escapeText(reserved, 'telegram-markdown-v2')).toBe(reserved.split('').map((c) => `\\${c}`).join(''))
    expect(formatText('[a](https://x.example/p_(1))', 'telegram-markdown-v2')).toBe('[a](https://x.example/p_(1\\))')
    expect(formatText('`a\\b`', 'telegram-markdown-v2')).toBe('`a\\\\b`')
  })

  it('escapes HTML in text and attributes', () => {
    expect(formatText('a < b & c > d [x](https://e.example/?a=1&b="2")', 'telegram-html')).toBe(
      'a &lt; b &amp; c &gt; d <a href="https://e.example/?a=1&amp;b=&quot;2&quot;">x</a>',
    )
  })

  it('only accepts http(s), mailto and tel links', () => {
    expect(formatText('[x](javascript:alert(1))', 'telegram-html')).toBe('[x](javascript:alert(1))')
  })

  it('MarkdownV2 output never has an unescaped reserved character outside entity markers (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab _*[]()~`>#+-=|{}.!\\'.split('')), maxLength: 40 }), (s) => {
        const out = formatText(s, 'telegram-markdown-v2')
        // Inside code spans only ` and \ are escaped (Telegram docs); outside, after removing escaped
        // pairs and the entity syntax we emit, no reserved character may remain.
        expect(plainText(s).length).toBeLessThanOrEqual(s.length)
        expect(unescapedOutsideCode(out)).not.toMatch(/[>#+\-=|{}.!\\`]/)
      }),
      // Inputs that once broke the checker (an escaped backtick before a code span).
      { examples: [['``a`'], ['`>`'], ['\\`x`']] },
    )
  })
})

/** The characters of MarkdownV2 output outside code spans that are neither escaped nor entity syntax. */
function unescapedOutsideCode(out: string): string {
  let rest = ''
  for (let i = 0; i < out.length; i++) {
    const c = out[i] as string
    if (c === '\\') {
      i++ // an escaped pair, whatever follows
      continue
    }
    if (c === '`') {
      // a code span runs to the next backtick that is not escaped
      for (i++; i < out.length && out[i] !== '`'; i++) if (out[i] === '\\') i++
      continue
    }
    if (!'*_~[]()'.includes(c)) rest += c
  }
  return rest
}

describe('normalizeReplyText', () => {
  it('ignores case, accents, surrounding spaces and punctuation', () => {
    expect(normalizeReplyText('  2. ')).toBe('2')
    expect(normalizeReplyText('TRÂCK!!')).toBe('track')
    expect(normalizeReplyText('“Talk   to us”')).toBe('talk to us')
    expect(normalizeReplyText('Ｔｒａｃｋ')).toBe('track')
  })
})
