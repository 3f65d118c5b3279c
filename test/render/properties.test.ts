import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Button,
  type Card,
  DegradationError,
  type Media,
  type Message,
  type RenderResult,
  parseMessage,
  profiles,
  render,
} from '../../src/index.js'
import { resultMisfits } from './fits.js'

// Unique, searchable tokens keep the "every element is accounted for" check exact: each element
// carries one, and the check looks for it in the output (or for a lossy report entry).
let serial = 0
const token = () => fc.constant(null).map(() => `t${(serial++).toString(36)}x`)

const noise = fc.string({
  unit: fc.constantFrom(...'abc XYZ 123 .,!?-_*~[]()#+=|{}<>&’“”—…éüçÇ€^\\'.split(''), '😀', '👍🏽', '🇩🇪', '👨‍👩‍👧', 'ı', 'ş', '\n'),
  maxLength: 60,
})
const text = fc.tuple(token(), noise, fc.constantFrom('', '**bold** ', '_it_ ', '[link](https://l.example/x) ', '`code` ')).map(([t, n, m]) => `${t} ${m}${n}`.trim())
const long = fc.tuple(token(), fc.integer({ min: 0, max: 9000 })).map(([t, n]) => `${t} ${'Lorem ipsum dolor sit amet. '.repeat(Math.ceil(n / 28))}`.slice(0, Math.max(t.length + 1, n)))
const title = (max = 40) => fc.tuple(token(), fc.string({ maxLength: max })).map(([t, s]) => `${t} ${s}`.slice(0, Math.max(t.length, max)).trim())
const url = token().map((t) => `https://x.example/${t}`)
const media: fc.Arbitrary<Media> = fc.record(
  {
    type: fc.constantFrom('image', 'video', 'audio', 'file'),
    url,
    caption: title(80),
    sizeBytes: fc.integer({ min: 1, max: 40 * 1024 * 1024 }),
  },
  { requiredKeys: ['type', 'url'] },
)
const replyButton = fc.tuple(title(30), token()).map(([t, p]) => ({ type: 'reply' as const, title: t, payload: `P_${p}` }))
const button: fc.Arbitrary<Button> = fc.oneof(
  replyButton,
  fc.tuple(title(30), url).map(([t, u]) => ({ type: 'url' as const, title: t, url: u })),
  fc.tuple(title(30), fc.integer({ min: 1000000, max: 99999999 })).map(([t, n]) => ({ type: 'call' as const, title: t, phone: `+1415${n}` })),
)
const card: fc.Arbitrary<Card> = fc
  .record({ title: title(100), text: fc.oneof(text, long.map((s) => s.slice(0, 300))), media, buttons: fc.array(button, { minLength: 1, maxLength: 5 }) }, { requiredKeys: [] })
  .map((c) => (c.title || c.text || c.media ? c : { ...c, title: 'untitled' }))

const messageArb: fc.Arbitrary<Message> = fc
  .record(
    {
      text: fc.oneof(text, long),
      media: fc.array(media, { minLength: 1, maxLength: 3 }),
      cards: fc.array(card, { minLength: 1, maxLength: 12 }),
      buttons: fc.array(button, { minLength: 1, maxLength: 5 }),
      quickReplies: fc.array(replyButton, { minLength: 1, maxLength: 15 }),
      list: fc
        .array(fc.array(fc.tuple(title(40), token(), fc.option(title(90), { nil: undefined })), { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 3 })
        .chain((sections) =>
          fc.tuple(title(30), fc.constant(sections), fc.array(title(30), { minLength: sections.length, maxLength: sections.length }), fc.boolean()).map(([button, secs, titles, titled]) => ({
            button,
            sections: secs.map((items, i) => ({
              ...(titled ? { title: titles[i] as string } : {}),
              items: items.map(([t, id, d]) => ({ id: `L_${id}`, title: t, ...(d ? { description: d } : {}) })),
            })),
          })),
        ),
      location: fc.record({ latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }), name: title(30) }, { requiredKeys: ['latitude', 'longitude'] }),
      template: token().map((t) => ({ name: `tpl_${t}`, language: 'en_US' })),
      fallback: fc.record({ text: text, url }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  )
  .map((m) => {
    // Keep the model's own rules (validated below): titles unique within a group, some content.
    const uniq = <T extends { title: string }>(xs: T[] | undefined) => xs?.filter((x, i) => xs.findIndex((y) => y.title.trim().toLowerCase() === x.title.trim().toLowerCase()) === i)
    const out: Message = { ...m }
    if (m.buttons) out.buttons = uniq(m.buttons)
    if (m.quickReplies) out.quickReplies = uniq(m.quickReplies)
    if (m.cards) out.cards = m.cards.map((c) => (c.buttons ? { ...c, buttons: uniq(c.buttons) } : c))
    if (!out.text && !out.media && !out.cards && !out.list && !out.location && !out.template) out.text = 'fallback body'
    return out
  })

/** Elements of `m` (path → token to find) that are neither in the output nor covered by a lossy entry. */
function unaccounted(m: Message, r: RenderResult, sms: boolean): string[] {
  if (r.messages.some((x) => x.template)) return []
  if (r.report.some((x) => x.path === 'fallback.text')) return []
  const output = JSON.stringify(r.messages).replace(/\\\\/g, '').replace(/\\/g, '') + JSON.stringify(r.replies)
  const lossy = r.report.filter((x) => x.lossy).flatMap((x) => x.path.split(', '))
  // On SMS the whole composed text is fitted at once, so a cut of 'text' may take anything after it.
  const covered = (path: string) =>
    lossy.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`) || p === 'message' || (sms && p === 'text'))
  const missing: string[] = []
  const need = (path: string, needle: string | undefined) => {
    if (needle && !output.includes(needle) && !covered(path)) missing.push(`${path} (${needle})`)
  }
  const tok = (s: string | undefined) => s?.match(/t[0-9a-z]+x/)?.[0]
  need('text', tok(m.text))
  m.media?.forEach((x, i) => need(`media[${i}]`, x.url))
  m.buttons?.forEach((b, i) => need(`buttons[${i}]`, b.type === 'reply' ? b.payload : b.type === 'url' ? b.url : b.phone))
  m.quickReplies?.forEach((b, i) => need(`quickReplies[${i}]`, b.payload))
  m.list?.sections.forEach((s, si) => s.items.forEach((item, ii) => need(`list.sections[${si}].items[${ii}]`, item.id)))
  m.cards?.forEach((c, i) => {
    need(`cards[${i}]`, tok(c.title) ?? tok(c.text))
    c.buttons?.forEach((b, bi) => need(`cards[${i}].buttons[${bi}]`, b.type === 'reply' ? b.payload : b.type === 'url' ? b.url : b.phone))
  })
  if (m.location) need('location', String(m.location.latitude))
  return missing
}

describe('render() properties, for arbitrary valid messages on every profile', () => {
  it('generates valid messages', () => {
    fc.assert(fc.property(messageArb, (m) => void parseMessage(m)), { numRuns: 200 })
  })

  for (const [name, caps] of Object.entries(profiles)) {
    it(`${name}: never throws, every output fits every limit, nothing disappears unreported`, () => {
      fc.assert(
        fc.property(messageArb, fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), (m, maxSegments) => {
          const r = render(m, caps, maxSegments === undefined ? {} : { maxSegments })
          expect(resultMisfits(r, caps, maxSegments)).toEqual([])
          expect(unaccounted(m, r, caps.sms !== undefined)).toEqual([])
          if (r.messages.length === 0) expect(r.report.some((x) => x.lossy)).toBe(true)
        }),
        { numRuns: 150 },
      )
    })
  }

  it('strict mode throws exactly when a lossy step was taken', () => {
    fc.assert(
      fc.property(messageArb, fc.constantFrom(...Object.keys(profiles)), (m, name) => {
        const lossy = render(m, name as keyof typeof profiles).report.some((x) => x.lossy)
        let threw = false
        try {
          render(m, name as keyof typeof profiles, { strict: true })
        } catch (e) {
          threw = DegradationError.isInstance(e)
        }
        expect(threw).toBe(lossy)
      }),
      { numRuns: 200 },
    )
  })

  it('is pure: the same input renders the same output', () => {
    fc.assert(
      fc.property(messageArb, (m) => {
        expect(render(m, 'sms')).toEqual(render(m, 'sms'))
        expect(render(m, 'whatsapp')).toEqual(render(m, 'whatsapp'))
      }),
      { numRuns: 50 },
    )
  })
})
