import { describe, expect, it } from 'vitest'
import { examples } from '../../examples/messages/index.js'
import {
  type Capabilities,
  DegradationError,
  call,
  card,
  image,
  link,
  list,
  location,
  message,
  narrowCapabilities,
  profiles,
  render,
  reply,
  template,
} from '../../src/index.js'
import { resultMisfits } from './fits.js'

const qr = (n: number, long = false) =>
  Array.from({ length: n }, (_, i) => reply(long ? `Option number ${i + 1} with a long title` : `Option ${i + 1}`, `P${i + 1}`))

describe('choices ladder', () => {
  it('whatsapp: up to 3 choices are native reply buttons', () => {
    const r = render(message({ text: 'Pick', quickReplies: qr(3) }), 'whatsapp')
    expect(r.messages).toEqual([{ text: 'Pick', buttons: qr(3) }])
    expect(r.report).toEqual([expect.objectContaining({ path: 'quickReplies', from: 'quickReplies', to: 'replyButtons', lossy: false })])
    expect(r.replies).toEqual([])
  })

  it('whatsapp: 4 to 10 choices become a list picker, never the first 3 and a drop', () => {
    for (const n of [4, 7, 10]) {
      const r = render(message({ text: 'Pick', quickReplies: qr(n) }), 'whatsapp')
      expect(r.messages).toHaveLength(1)
      const rows = r.messages[0]?.list?.sections.flatMap((s) => s.items)
      expect(rows?.map((x) => x.id)).toEqual(qr(n).map((q) => q.payload))
      expect(r.messages[0]?.buttons).toBeUndefined()
      expect(r.report).toEqual([expect.objectContaining({ path: 'quickReplies', to: 'list', lossy: false })])
    }
  })

  it('whatsapp: more than 10 choices become numbered text with a reply mapping', () => {
    const r = render(message({ text: 'Pick', quickReplies: qr(11) }), 'whatsapp')
    expect(r.messages).toHaveLength(1)
    const text = r.messages[0]?.text ?? ''
    expect(text.startsWith('Pick\n\n1. Option 1\n2. Option 2')).toBe(true)
    expect(text.endsWith('11. Option 11')).toBe(true)
    expect(r.replies).toHaveLength(11)
    expect(r.replies[10]).toEqual({ keys: ['11', 'option 11'], title: 'Option 11', payload: 'P11' })
    expect(r.report).toEqual([expect.objectContaining({ path: 'quickReplies', to: 'text', lossy: false })])
  })

  it('shortens titles with an ellipsis only where they stay unique', () => {
    const titles = ['Schedule a callback today', 'Talk to an agent right now', 'Cancel']
    const r = render(message({ text: 'Help?', buttons: titles.map((t, i) => reply(t, `B${i}`)) }), 'whatsapp')
    expect(r.messages[0]?.buttons?.map((b) => b.title)).toEqual(['Schedule a callback…', 'Talk to an agent…', 'Cancel'])
    expect(r.report.filter((x) => x.lossy).map((x) => x.path)).toEqual(['buttons[0].title', 'buttons[1].title'])
  })

  it('moves colliding titles to the next rung that fits them', () => {
    const same = ['Delivery slot on Monday morning', 'Delivery slot on Monday evening']
    const r = render(message({ text: 'Which?', buttons: same.map((t, i) => reply(t, `D${i}`)) }), 'whatsapp')
    // 20-char buttons would both read "Delivery slot on…"; list rows (24) collide too; numbered text keeps them.
    expect(r.messages[0]?.buttons).toBeUndefined()
    expect(r.messages[0]?.list).toBeUndefined()
    expect(r.messages[0]?.text).toBe(`Which?\n\nReply 1 for ${same[0]}, 2 for ${same[1]}`)
    expect(r.replies.map((x) => x.payload)).toEqual(['D0', 'D1'])
  })

  it('messenger: up to 13 quick replies are chips, more become numbered text', () => {
    expect(render(message({ text: 'x', quickReplies: qr(13) }), 'messenger').messages[0]?.quickReplies).toHaveLength(13)
    const r = render(message({ text: 'x', quickReplies: qr(14) }), 'messenger')
    expect(r.messages[0]?.quickReplies).toBeUndefined()
    expect(r.replies).toHaveLength(14)
  })

  it('messenger: 5 reply buttons (more than the 3 a button template holds) become quick replies', () => {
    const r = render(message({ text: 'x', buttons: qr(5) }), 'messenger')
    expect(r.messages[0]?.quickReplies?.map((q) => q.payload)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5'])
    expect(r.report[0]).toMatchObject({ path: 'buttons', from: 'buttons', to: 'quickReplies', lossy: false })
  })

  it('messenger: reply, URL and call buttons share the 3 buttons of one button template; quick replies do not count', () => {
    const r = render(message({ text: 'x', buttons: [reply('A', 'A'), reply('B', 'B'), link('Site', 'https://a.example'), call('Call', '+14155550100')], quickReplies: qr(10) }), 'messenger')
    const m = r.messages[0]
    expect(m?.buttons?.map((b) => b.type)).toEqual(['url', 'call'])
    expect(m?.quickReplies?.map((q) => q.payload)).toEqual(['A', 'B', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'])
    expect(resultMisfits(r, profiles.messenger)).toEqual([])
    const urls = render(message({ text: 'x', buttons: [link('A', 'https://a.example'), link('B', 'https://b.example'), link('C', 'https://c.example'), call('Call', '+14155550100')] }), 'messenger')
    expect(urls.messages[0]?.buttons).toHaveLength(3)
    expect(urls.messages[0]?.text).toBe('x\n\nCall: +14155550100')
    expect(urls.report).toEqual([expect.objectContaining({ path: 'buttons[3]', from: 'call button', to: 'text', detail: expect.stringContaining('at most 3 buttons in one message') })])
  })

  it('messenger: text with URL or call buttons fits the 640-character button template body', () => {
    for (const b of [link('Open', 'https://a.example'), call('Call', '+14155550100')]) {
      const r = render(message({ text: 'word '.repeat(300).trim(), buttons: [b] }), 'messenger')
      expect(r.messages.at(-1)?.buttons).toHaveLength(1)
      expect(r.messages.at(-1)?.text?.length).toBeLessThanOrEqual(640)
      expect(r.messages.map((m) => m.text).join(' ').replace(/\s+/g, ' ')).toBe('word '.repeat(300).trim())
      expect(resultMisfits(r, profiles.messenger)).toEqual([])
    }
  })

  it('rcs: replies and actions share the 11-suggestion budget', () => {
    const r = render(message({ text: 'x', quickReplies: qr(10), buttons: [link('Site', 'https://a.example'), call('Call', '+14155550100')] }), 'rcs')
    const m = r.messages[0]
    expect((m?.buttons?.length ?? 0) + (m?.quickReplies?.length ?? 0)).toBeLessThanOrEqual(11)
    expect(resultMisfits(r, profiles.rcs)).toEqual([])
  })

  it('list rows become chips where there is no list picker, descriptions reported as lost', () => {
    const r = render(examples.slots, 'telegram')
    expect(r.messages[0]?.quickReplies).toHaveLength(12)
    expect(r.report).toEqual([expect.objectContaining({ path: 'list', from: 'list', to: 'quickReplies', lossy: true })])
  })

  it('whatsapp: a 12-row list (over the 10-row limit) becomes numbered text with descriptions kept', () => {
    const r = render(examples.slots, 'whatsapp')
    expect(r.messages[0]?.list).toBeUndefined()
    expect(r.messages[0]?.text).toContain('Choose a slot:\n1. Mon 08:00 — Two-hour window, two people')
    expect(r.replies[11]).toMatchObject({ payload: 'TUE_18:00', keys: ['12', 'tue 18:00'] })
  })

  it('whatsapp: a list that fits is native, row descriptions kept', () => {
    const m = message({ text: 'Pick', list: list({ button: 'Open', sections: [{ title: 'A', items: [{ id: 'a', title: 'Alpha', description: 'first' }] }, { title: 'B', items: [{ id: 'b', title: 'Beta' }] }] }) })
    const r = render(m, 'whatsapp')
    expect(r.messages).toEqual([{ text: 'Pick', list: m.list }])
    expect(r.report).toEqual([])
  })
})

describe('carousel ladder', () => {
  it('rcs: native carousel with chips attached, the body first', () => {
    const r = render(examples.carousel, 'rcs')
    expect(r.messages).toHaveLength(2)
    expect(r.messages[1]?.cards).toHaveLength(3)
    expect(r.messages[1]?.quickReplies).toHaveLength(5)
    expect(resultMisfits(r, profiles.rcs)).toEqual([])
  })

  it('trims to the channel maximum with a lossy entry and links the rest through fallback.url', () => {
    const cards = Array.from({ length: 12 }, (_, i) => card({ title: `Card ${i + 1}`, text: 'x' }))
    const r = render(message({ text: 'All', cards, fallback: { url: 'https://shop.example.com/all' } }), 'messenger')
    const carousel = r.messages.find((m) => m.cards)
    expect(carousel?.cards).toHaveLength(10)
    expect(r.report).toContainEqual(expect.objectContaining({ path: 'cards', from: 'carousel', to: 'carousel', lossy: true }))
    expect(r.messages.map((m) => m.text).join('\n')).toContain('More: https://shop.example.com/all')
  })

  it('line: cards with different button counts leave the carousel (every column needs the same count)', () => {
    const r = render(message({ cards: [card({ title: 'A', buttons: [reply('Buy', 'A')] }), card({ title: 'B' })] }), 'line')
    expect(r.messages.every((m) => (m.cards?.length ?? 0) <= 1)).toBe(true)
    expect(r.report).toContainEqual(expect.objectContaining({ path: 'cards', from: 'carousel', to: 'cards', lossy: false }))
  })

  it('messenger: a card with nothing but a title (a generic template element needs more) becomes text', () => {
    const r = render(message({ cards: [card({ title: 'Only a title' })] }), 'messenger')
    expect(r.messages).toEqual([{ text: 'Only a title' }])
    expect(resultMisfits(r, profiles.messenger)).toEqual([])
    const ok = render(message({ cards: [card({ title: 'Title', text: 'and text' })] }), 'messenger')
    expect(ok.messages).toEqual([{ cards: [{ title: 'Title', text: 'and text' }] }])
  })

  it('messenger: a card without a title (generic template needs one) becomes messages', () => {
    const r = render(message({ cards: [card({ text: 'no title', media: image('https://a.example/1.jpg') })] }), 'messenger')
    expect(r.messages.some((m) => m.cards)).toBe(false)
    expect(r.report).toContainEqual(expect.objectContaining({ path: 'cards', to: 'messages' }))
    expect(resultMisfits(r, profiles.messenger)).toEqual([])
  })

  it('whatsapp: each card becomes an image-headed message with its reply button; url buttons become links', () => {
    const r = render(examples.carousel, 'whatsapp')
    expect(r.messages).toHaveLength(4)
    expect(r.messages[0]).toEqual({
      text: '*Blue linen shirt*\nSize M, arrives Thursday\n\nView item: https://shop.example.com/p/shirt',
      media: [{ type: 'image', url: 'https://shop.example.com/img/shirt.jpg' }],
      buttons: [{ type: 'reply', title: 'Buy again', payload: 'REORDER_SHIRT' }],
    })
    expect(r.messages[3]?.list?.sections[0]?.items).toHaveLength(5)
    expect(resultMisfits(r, profiles.whatsapp)).toEqual([])
  })

  it('sms: numbered entries (a number only where replying with it picks something)', () => {
    const r = render(message({ text: 'Shop:', cards: [card({ title: 'A', text: 'a', buttons: [link('Open', 'https://a.example/a')] }), card({ title: 'B', buttons: [reply('Buy', 'B')] })] }), 'sms')
    expect(r.messages[0]?.text).toBe('Shop:\n- A - a https://a.example/a\n1. B (Buy)')
    expect(r.replies).toEqual([{ keys: ['1', 'buy', 'b'], title: 'B', payload: 'B' }])
  })
})

describe('cards, buttons, media and locations on text channels', () => {
  it('a card reads as a message: title, text, links, call numbers, then numbered options', () => {
    const r = render(examples.support, 'sms')
    expect(r.messages[0]?.text).toBe(
      'Your engineer is on the way\nSam arrives between 14:00 and 16:00. Call if you need to reschedule.\nhttps://service.example.com/img/sam.jpg\nCall Sam: +14155550123\nReply 1 for Reschedule',
    )
  })

  it('images become their URL, or are dropped (lossy) when fallback.url covers them', () => {
    const m = message({ text: 'Look', media: [image('https://a.example/1.jpg')] })
    expect(render(m, 'sms').messages[0]?.text).toBe('Look\nhttps://a.example/1.jpg')
    const withUrl = render({ ...m, fallback: { url: 'https://a.example/full' } }, 'sms')
    expect(withUrl.messages[0]?.text).toBe('Look\nhttps://a.example/full')
    expect(withUrl.report).toContainEqual(expect.objectContaining({ path: 'media[0]', to: 'dropped', lossy: true }))
  })

  it('several media keep their order, the text travelling with the last one', () => {
    const m = message({ text: 'Your photos', media: [image('https://a.example/1.jpg'), image('https://a.example/2.jpg'), image('https://a.example/3.jpg')] })
    expect(render(m, 'whatsapp').messages).toEqual([
      { media: [{ type: 'image', url: 'https://a.example/1.jpg' }] },
      { media: [{ type: 'image', url: 'https://a.example/2.jpg' }] },
      { text: 'Your photos', media: [{ type: 'image', url: 'https://a.example/3.jpg' }] },
    ])
    expect(render({ media: m.media }, 'rcs').messages.map((x) => x.media?.[0]?.url)).toEqual(['https://a.example/1.jpg', 'https://a.example/2.jpg', 'https://a.example/3.jpg'])
  })

  it('mms attaches media natively', () => {
    const r = render(message({ text: 'Look', media: [image('https://a.example/1.jpg'), image('https://a.example/2.jpg')] }), 'mms')
    expect(r.messages).toEqual([{ text: 'Look', media: [{ type: 'image', url: 'https://a.example/1.jpg' }, { type: 'image', url: 'https://a.example/2.jpg' }] }])
  })

  it('media too large for the channel becomes a link', () => {
    const r = render(message({ text: 'Video', media: [{ type: 'video', url: 'https://a.example/v.mp4', sizeBytes: 30 * 1024 * 1024 }] }), 'whatsapp')
    expect(r.messages).toEqual([{ text: 'Video\n\nhttps://a.example/v.mp4' }])
    expect(r.report[0]?.detail).toContain('whatsapp allows 16777216 for video')
  })

  it('a location is native where possible, else "name, address" and a maps link', () => {
    const m = message({ location: location({ latitude: 52.52, longitude: 13.405, name: 'Store', address: 'Main St 1' }) })
    expect(render(m, 'whatsapp').messages).toEqual([{ location: m.location }])
    expect(render(m, 'sms').messages[0]?.text).toBe('Store, Main St 1\nhttps://maps.google.com/?q=52.52,13.405')
  })

  it('url and call buttons become inline text where not native', () => {
    const r = render(message({ text: 'Hi', buttons: [link('Site', 'https://a.example'), call('Call us', '+14155550100')] }), 'sms')
    expect(r.messages[0]?.text).toBe('Hi\nSite: https://a.example\nCall us: +14155550100')
    expect(r.report.every((x) => !x.lossy)).toBe(true)
  })
})

describe('formatting', () => {
  it('renders the markdown example in every dialect', () => {
    const m = examples.markdown
    expect(render(m, 'whatsapp').messages[0]?.text).toBe(
      '*Flash sale!* 50% off _everything_ (today only) - use code [SAVE_50] at checkout.\nPrice: $9.99 + tax = $10.79 #deal ~$19.99~ → see our shop (https://shop.example.com/sale?a=1&b=2).',
    )
    expect(render(m, 'telegram').messages[0]?.text).toBe(
      '*Flash sale\\!* 50% off _everything_ \\(today only\\) \\- use code \\[SAVE\\_50\\] at checkout\\.\nPrice: $9\\.99 \\+ tax \\= $10\\.79 \\#deal ~$19\\.99~ → see [our shop](https://shop.example.com/sale?a=1&b=2)\\.',
    )
    const html = render(m, narrowCapabilities(profiles.telegram, { text: { formatting: 'telegram-html' } })).messages[0]?.text
    expect(html).toBe(
      '<b>Flash sale!</b> 50% off <i>everything</i> (today only) - use code [SAVE_50] at checkout.\nPrice: $9.99 + tax = $10.79 #deal <s>$19.99</s> → see <a href="https://shop.example.com/sale?a=1&amp;b=2">our shop</a>.',
    )
    const sms = render(m, 'sms')
    expect(sms.messages[0]?.text).toBe('Flash sale! 50% off everything (today only) - use code [SAVE_50] at checkout.\nPrice: $9.99 + tax = $10.79 #deal $19.99 → see our shop (https://shop.example.com/sale?a=1&b=2).')
    // A struck-out price shown plain says the opposite: that is a loss.
    expect(sms.report).toContainEqual(expect.objectContaining({ path: 'text', from: 'formatting', to: 'plain', lossy: true }))
  })

  it('escapes text anychannel composes (options, links) in Telegram MarkdownV2', () => {
    const r = render(message({ text: 'Hi', quickReplies: qr(2) }), narrowCapabilities(profiles.telegram, { quickReplies: false, replyButtons: false }))
    expect(r.messages[0]?.text).toBe('Hi\n\nReply 1 for Option 1, 2 for Option 2')
    const r2 = render(message({ text: 'Hi', buttons: [call('Call', '+14155550100')] }), 'telegram')
    expect(r2.messages[0]?.text).toBe('Hi\n\nCall: \\+14155550100')
  })
})

describe('templates', () => {
  const t = message({ text: 'Your order shipped', template: template('order_shipped', { language: 'en_US', variables: ['Ada'] }), fallback: { text: 'Hi Ada, your order shipped.' } })

  it('whatsapp sends the template only', () => {
    const r = render(t, 'whatsapp')
    expect(r.messages).toEqual([{ template: t.template }])
    expect(r.report).toEqual([expect.objectContaining({ path: 'template', lossy: false })])
  })

  it('sms sends fallback.text', () => {
    expect(render(t, 'sms').messages).toEqual([{ text: 'Hi Ada, your order shipped.' }])
  })

  it('other channels send the message itself', () => {
    expect(render(t, 'messenger').messages).toEqual([{ text: 'Your order shipped' }])
  })

  it('a template with only fallback.text sends that text on channels without templates', () => {
    const m = message({ template: template('order_shipped'), fallback: { text: 'Your order **shipped**' } })
    expect(render(m, 'messenger').messages).toEqual([{ text: 'Your order shipped' }])
    expect(render(m, 'telegram').messages).toEqual([{ text: 'Your order *shipped*' }])
    expect(render(m, 'whatsapp').messages).toEqual([{ template: m.template }])
  })

  it('a template-only message has nothing to send on sms: empty result and a lossy entry', () => {
    const r = render(message({ template: template('x') }), 'sms')
    expect(r.messages).toEqual([])
    expect(r.report.at(-1)).toMatchObject({ lossy: true, to: 'dropped' })
  })
})

describe('SMS', () => {
  it('the carousel example, unlimited (the default 10-segment budget)', () => {
    const r = render(examples.carousel, 'sms')
    expect(r.messages[0]?.text).toBe(
      [
        'Your order #1234 has shipped! Pick what you need next:',
        '1. Blue linen shirt - Size M, arrives Thursday (Buy again) https://shop.example.com/p/shirt',
        '2. Canvas tote bag - Arrives Friday (Buy again) https://shop.example.com/p/tote',
        '3. Gift card - Delivered by email (Buy again) https://shop.example.com/p/gift',
        'Reply 4 for Track parcel, 5 for Change address, 6 for Returns, 7 for Invoice, 8 for Talk to us',
        'https://shop.example.com/o/1234',
      ].join('\n'),
    )
    expect(r.sms).toEqual({ encoding: 'GSM-7', segments: 3, units: 431 })
    expect(r.replies.map((x) => x.keys[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
  })

  it('the carousel example in 2 segments: whole card lines go first, numbers stay in reading order', () => {
    const r = render(examples.carousel, 'sms', { maxSegments: 2 })
    expect(r.messages[0]?.text).toBe(
      [
        'Your order #1234 has shipped! Pick what you need next:',
        '1. Blue linen shirt - Size M, arrives Thursday (Buy again) https://shop.example.com/p/shirt',
        'Reply 2 for Track parcel, 3 for Change address, 4 for Returns, 5 for Invoice, 6 for Talk to us',
        'https://shop.example.com/o/1234',
      ].join('\n'),
    )
    expect(r.sms).toEqual({ encoding: 'GSM-7', segments: 2, units: 273 })
    expect(r.replies.map((x) => x.payload)).toEqual(['REORDER_SHIRT', 'TRACK', 'ADDRESS', 'RETURNS', 'INVOICE', 'AGENT'])
    expect(r.report).toContainEqual(expect.objectContaining({ path: 'cards[1], cards[2]', to: 'dropped', lossy: true }))
  })

  it('the carousel example in 1 segment: body shortened with "...", options and link kept', () => {
    const r = render(examples.carousel, 'sms', { maxSegments: 1 })
    expect(r.messages[0]?.text).toBe(
      'Your order #1234 has shipped!...\nReply 1 for Track parcel, 2 for Change address, 3 for Returns, 4 for Invoice, 5 for Talk to us\nhttps://shop.example.com/o/1234',
    )
    expect(r.sms).toEqual({ encoding: 'GSM-7', segments: 1, units: 159 })
    expect(r.replies.map((x) => x.payload)).toEqual(['TRACK', 'ADDRESS', 'RETURNS', 'INVOICE', 'AGENT'])
  })

  it('collapses the options to "Reply 1-4", then keeps the link alone', () => {
    const long = message({
      text: 'Your appointment with Dr. Example is confirmed for Monday at 09:30. Please arrive ten minutes early and bring your card.',
      quickReplies: [reply('Confirm appointment', 'C'), reply('Reschedule appointment', 'R'), reply('Cancel appointment', 'X'), reply('Directions to the clinic', 'D')],
      fallback: { url: 'https://clinic.example.com/a/9f2' },
    })
    const r = render(long, 'sms', { maxSegments: 1 })
    expect(r.messages[0]?.text).toMatch(/\.\.\.\nReply 1-4\nhttps:\/\/clinic\.example\.com\/a\/9f2$/)
    expect(r.report).toContainEqual(expect.objectContaining({ from: 'options', lossy: true, detail: 'option titles dropped to fit 1 SMS segment: "Reply 1-4"' }))
    const tiny = render({ ...long, fallback: { url: `https://clinic.example.com/a/${'x'.repeat(100)}` } }, 'sms', { maxSegments: 1 })
    expect(tiny.messages[0]?.text?.endsWith(`https://clinic.example.com/a/${'x'.repeat(100)}`)).toBe(true)
    expect(tiny.messages[0]?.text).not.toContain('Reply')
    expect(tiny.sms?.segments).toBe(1)
  })

  it('one UCS-2 segment holds 70 units when the content cannot be GSM-7', () => {
    const r = render(message({ text: `Привет! ${'Ваш заказ отправлен. '.repeat(6)}` }), 'sms', { maxSegments: 1 })
    expect(r.sms?.encoding).toBe('UCS-2')
    expect(r.sms?.segments).toBe(1)
    expect(r.messages[0]?.text?.length).toBeLessThanOrEqual(70)
    expect(r.messages[0]?.text?.endsWith('...')).toBe(true)
  })

  it('transliteration keeps curly quotes from forcing UCS-2', () => {
    const m = message({ text: '“We’re on our way” — your driver' })
    expect(render(m, 'sms').sms?.encoding).toBe('UCS-2')
    const t = render(m, 'sms', { transliterate: true })
    expect(t.sms?.encoding).toBe('GSM-7')
    expect(t.messages[0]?.text).toBe('"We\'re on our way" - your driver')
    expect(t.report).toContainEqual(expect.objectContaining({ lossy: false, detail: expect.stringContaining('transliterated for GSM-7') }))
  })

  it('national language tables keep Turkish 7-bit when allowed', () => {
    const r = render(examples.turkish, 'sms', { languageTables: true })
    expect(r.sms).toMatchObject({ encoding: 'GSM-7', languageTable: { locking: 'turkish' } })
    expect(render(examples.turkish, 'sms').sms?.encoding).toBe('UCS-2')
  })

  it("uses fallback.text as the author's own SMS, fitted and reported when it overflows", () => {
    const m = message({ text: 'rich', quickReplies: qr(2), fallback: { text: `Reply 1 to confirm, 2 to cancel. ${'Thanks! '.repeat(30)}` } })
    const r = render(m, 'sms', { maxSegments: 1 })
    expect(r.messages[0]?.text?.startsWith('Reply 1 to confirm, 2 to cancel.')).toBe(true)
    expect(r.sms?.segments).toBe(1)
    expect(r.report).toContainEqual(expect.objectContaining({ path: 'text', lossy: true }))
    // "1" still means the first choice.
    expect(r.replies.map((x) => [x.keys[0], x.payload])).toEqual([['1', 'P1'], ['2', 'P2']])
  })
})

describe('splitting, strict mode and reply keys', () => {
  it('splits text longer than the channel allows into several messages, losing nothing', () => {
    const para = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '
    const text = Array.from({ length: 6 }, () => para.repeat(8).trim()).join('\n\n')
    const r = render(message({ text }), 'messenger')
    expect(r.messages.length).toBeGreaterThan(1)
    expect(r.messages.every((m) => (m.text?.length ?? 0) <= 2000)).toBe(true)
    expect(r.messages.map((m) => m.text).join('\n\n')).toBe(text)
    expect(r.report).toEqual([expect.objectContaining({ path: 'text', to: 'messages', lossy: false })])
  })

  it('strict mode throws DegradationError listing every loss', () => {
    expect(() => render(examples.carousel, 'sms', { strict: true, maxSegments: 1 })).toThrow(DegradationError)
    try {
      render(examples.carousel, 'sms', { strict: true, maxSegments: 1 })
    } catch (e) {
      const err = e as DegradationError
      expect(err.channel).toBe('sms')
      expect(err.losses.length).toBeGreaterThanOrEqual(2)
      expect(err.losses.every((l) => l.lossy)).toBe(true)
    }
    expect(() => render(examples.carousel, 'rcs', { strict: true })).not.toThrow()
  })

  it('reply keys are numbers and accent/case-insensitive titles, dropped where ambiguous', () => {
    const r = render(message({ text: 'x', quickReplies: [reply('Señal débil', 'S'), reply('Otra', 'O')] }), 'sms')
    expect(r.replies[0]?.keys).toEqual(['1', 'senal debil'])
  })

  it('renders to a custom Capabilities object and to every profile within its limits', () => {
    const tiny: Capabilities = narrowCapabilities(profiles.sms, { sms: { maxSegments: 1 } })
    expect(render(examples.carousel, tiny).sms?.segments).toBe(1)
    for (const [name, caps] of Object.entries(profiles))
      for (const [ex, m] of Object.entries(examples)) expect(resultMisfits(render(m, caps), caps), `${ex} on ${name}`).toEqual([])
  })

  it('rejects an unknown profile name', () => {
    expect(() => render(examples.markdown, 'fax' as never)).toThrow(/unknown channel profile "fax"/)
    // Names every object inherits are not profiles.
    expect(() => render(examples.markdown, 'toString' as never)).toThrow(/unknown channel profile "toString"/)
  })
})
