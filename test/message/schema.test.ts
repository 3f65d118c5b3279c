import { describe, expect, it } from 'vitest'
import { MODEL_LIMITS, ValidationError, parseMessage } from '../../src/index.js'

function issuesOf(input: unknown) {
  try {
    parseMessage(input)
  } catch (e) {
    expect(ValidationError.isInstance(e)).toBe(true)
    return (e as ValidationError).issues
  }
  throw new Error('expected a ValidationError')
}

describe('parseMessage', () => {
  it('accepts every element of the model and returns a plain copy', () => {
    const input = {
      text: 'Hi **there**',
      media: [{ type: 'image', url: 'https://x.example/a.jpg', caption: 'A', mimeType: 'image/jpeg', sizeBytes: 10 }],
      cards: [{ title: 'T', text: 'x', media: { type: 'video', url: 'https://x.example/v.mp4' }, buttons: [{ type: 'url', title: 'Open', url: 'https://x.example' }] }],
      list: { button: 'Pick', sections: [{ title: 'S', items: [{ id: 'a', title: 'A', description: 'd' }] }] },
      buttons: [{ type: 'call', title: 'Call', phone: '+14155550100' }],
      quickReplies: [{ type: 'reply', title: 'Yes', payload: 'Y' }],
      location: { latitude: 1.5, longitude: -2, name: 'HQ', address: 'Main St 1' },
      template: { name: 'order_update', language: 'en_US', variables: ['a'], contentSid: `HX${'a'.repeat(32)}` },
      fallback: { text: 'plain', url: 'https://x.example/full' },
    }
    const out = parseMessage(input)
    expect(out).toEqual(input)
    expect(out).not.toBe(input)
  })

  it('names the exact path of a too-long field with its limit and size', () => {
    const title = 'x'.repeat(MODEL_LIMITS.titleMaxLength + 6)
    const issues = issuesOf({ text: 'hi', cards: [{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title }] })
    expect(issues).toEqual([
      expect.objectContaining({ path: ['cards', 3, 'title'], code: 'too_long', limit: MODEL_LIMITS.titleMaxLength, actual: MODEL_LIMITS.titleMaxLength + 6 }),
    ])
    expect(issues[0]?.message).toBe(`${MODEL_LIMITS.titleMaxLength + 6} chars, at most ${MODEL_LIMITS.titleMaxLength} allowed`)
  })

  it('reports every issue at once, each at its path', () => {
    const issues = issuesOf({
      text: '',
      buttons: [{ type: 'url', title: 'Open', url: 'ftp://nope' }, { type: 'call', title: 'Call', phone: '555-1234' }],
      quickReplies: [{ type: 'reply', title: 'Yes', payload: 'x'.repeat(300) }],
      location: { latitude: 100, longitude: 0 },
    })
    const byPath = Object.fromEntries(issues.map((i) => [i.path.join('.'), i.code]))
    expect(byPath).toMatchObject({
      text: 'required',
      'buttons.0.url': 'invalid_format',
      'buttons.1.phone': 'invalid_format',
      'quickReplies.0.payload': 'too_long',
      'location.latitude': 'too_big',
    })
  })

  it('rejects unknown fields (typos) by name', () => {
    const issues = issuesOf({ text: 'hi', quickreplies: [] })
    expect(issues).toEqual([expect.objectContaining({ path: ['quickreplies'], code: 'unknown_field' })])
  })

  it('rejects an unknown button type with the allowed ones', () => {
    const issues = issuesOf({ text: 'hi', buttons: [{ type: 'postback', title: 'x' }] })
    expect(issues[0]).toMatchObject({ path: ['buttons', 0, 'type'], code: 'invalid_value' })
    expect(issues[0]?.message).toContain('"reply"')
  })

  it('needs some content', () => {
    expect(issuesOf({ quickReplies: [{ type: 'reply', title: 'a', payload: 'b' }] })).toEqual([
      expect.objectContaining({ path: [], code: 'required' }),
    ])
    expect(issuesOf({})).toHaveLength(1)
  })

  it('rejects duplicate choice titles (case-insensitive) and duplicate list ids', () => {
    expect(issuesOf({ text: 'x', quickReplies: [{ type: 'reply', title: 'Yes', payload: 'a' }, { type: 'reply', title: 'yes ', payload: 'b' }] })).toEqual([
      expect.objectContaining({ path: ['quickReplies', 1, 'title'], code: 'duplicate' }),
    ])
    expect(
      issuesOf({ list: { button: 'b', sections: [{ items: [{ id: 'a', title: 'A' }] }, { items: [{ id: 'a', title: 'B' }] }] } }),
    ).toEqual([expect.objectContaining({ path: ['list', 'sections', 1, 'items', 0, 'id'], code: 'duplicate' })])
  })

  it('counts list rows across sections against the limit', () => {
    const items = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ id: `${p}${i}`, title: `${p}${i}` }))
    const issues = issuesOf({ list: { button: 'b', sections: [{ items: items(60, 'a') }, { items: items(41, 'b') }] } })
    expect(issues).toEqual([expect.objectContaining({ path: ['list', 'sections'], code: 'too_many', limit: MODEL_LIMITS.listItemsMax, actual: 101 })])
  })

  it('requires a card to have a title, text or media', () => {
    expect(issuesOf({ cards: [{ buttons: [{ type: 'reply', title: 'a', payload: 'b' }] }] })).toEqual([
      expect.objectContaining({ path: ['cards', 0], code: 'required' }),
    ])
  })

  it('rejects wrong types with what was expected', () => {
    const issues = issuesOf({ text: 42, media: 'x' })
    expect(issues).toEqual([
      expect.objectContaining({ path: ['text'], code: 'invalid_type', message: 'expected string, got number' }),
      expect.objectContaining({ path: ['media'], code: 'invalid_type' }),
    ])
    expect(issuesOf(null)[0]).toMatchObject({ path: [], code: 'invalid_type' })
  })

  it('formats the error message with paths like cards[3].title', () => {
    try {
      parseMessage({ text: 'x', cards: [{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title: '' }] })
    } catch (e) {
      expect((e as Error).message).toBe('invalid message: cards[3].title: must not be empty')
      expect((e as ValidationError).code).toBe('VALIDATION_ERROR')
      return
    }
    throw new Error('expected a throw')
  })
})
