import { describe, expect, it } from 'vitest'
import { createConsoleDriver } from '../../src/drivers/console/index.js'
import { card, createClient, image, link, list, location, message, reply, template, ValidationError } from '../../src/index.js'

function capture(channel: string) {
  const out: string[] = []
  const driver = createConsoleDriver({ channel, write: (t) => out.push(t), width: 60 })
  return { driver, out }
}

describe('console driver', () => {
  it('frames each message per channel and shows buttons, chips, cards, lists and locations', async () => {
    const { driver, out } = capture('messenger')
    const client = createClient({ channels: { messenger: driver } })
    await client.send({
      to: '+14155550100',
      message: message({
        text: 'Hi',
        cards: [card({ title: 'A', text: 'a', media: image('https://x.example/a.jpg'), buttons: [link('View', 'https://x.example/a')] }), card({ title: 'B', buttons: [link('View', 'https://x.example/b')] })],
        quickReplies: [reply('Yes', 'Y')],
      }),
    })
    const text = out.join('\n')
    expect(out[0]?.split('\n')[0]).toMatch(/^┌─ messenger → \+14155550100 \(1\/2\) ─+$/)
    expect(text).toContain('│ Hi')
    expect(text).toContain('⟨ carousel of 2 cards ⟩')
    expect(text).toContain('│   ┌ 1/2 A')
    expect(text).toContain('[ View ↗ ]')
    expect(text).toContain('( Yes )')
    expect(out.every((block) => block.endsWith('─'.repeat(59)))).toBe(true)
  })

  it('adds the encoding and segment count on SMS', async () => {
    const { driver, out } = capture('sms')
    await createClient({ channels: { sms: driver } }).send({ to: '+14155550100', message: { text: 'Hello' } })
    expect(out[0]).toContain('│ Hello')
    expect(out[0]).toContain('│ GSM-7, 5 units, 1 segment')
  })

  it('shows lists, locations and templates', async () => {
    const { driver, out } = capture('whatsapp')
    const client = createClient({ channels: { whatsapp: driver } })
    await client.send({
      to: '+14155550100',
      message: message({ text: 'Slots', list: list({ button: 'Pick', sections: [{ items: [{ id: 'a', title: 'Mon 9:00', description: 'morning' }] }] }), location: location({ latitude: 1, longitude: 2, name: 'Shop' }) }),
    })
    await client.send({ to: '+14155550100', message: message({ template: template('hello', { language: 'en_US', variables: ['Ada'] }) }) })
    const text = out.join('\n')
    expect(text).toContain('☰ Pick')
    expect(text).toContain('○ Mon 9:00 — morning')
    expect(text).toContain('📍 Shop (1, 2)')
    expect(text).toContain('📄 template hello (en_US): Ada')
  })

  it('needs capabilities for an unknown channel', () => {
    expect(() => createConsoleDriver({ channel: 'fax' })).toThrow(ValidationError)
  })
})
