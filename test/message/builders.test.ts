import { describe, expect, it } from 'vitest'
import {
  audio,
  call,
  card,
  file,
  image,
  link,
  list,
  location,
  message,
  reply,
  template,
  video,
} from '../../src/index.js'
import { thrownValidation } from '../support/thrown.js'

describe('builders', () => {
  it('return plain JSON objects equal to hand-written literals', () => {
    const built = message({
      text: 'Order shipped',
      media: [image('https://x.example/a.jpg', { caption: 'Parcel' })],
      cards: [card({ title: 'Shirt', buttons: [reply('Buy', 'BUY'), link('View', 'https://x.example/p'), call('Call', '+14155550100')] })],
      quickReplies: [reply('Help', 'HELP')],
      location: location({ latitude: 52.52, longitude: 13.405, name: 'Store' }),
      list: list({ button: 'Pick', sections: [{ items: [{ id: 'a', title: 'A' }] }] }),
      template: template('order_shipped', { language: 'en_US', variables: ['Ada'] }),
    })
    expect(JSON.parse(JSON.stringify(built))).toEqual(built)
    expect(built).toEqual({
      text: 'Order shipped',
      media: [{ type: 'image', url: 'https://x.example/a.jpg', caption: 'Parcel' }],
      cards: [
        {
          title: 'Shirt',
          buttons: [
            { type: 'reply', title: 'Buy', payload: 'BUY' },
            { type: 'url', title: 'View', url: 'https://x.example/p' },
            { type: 'call', title: 'Call', phone: '+14155550100' },
          ],
        },
      ],
      quickReplies: [{ type: 'reply', title: 'Help', payload: 'HELP' }],
      location: { latitude: 52.52, longitude: 13.405, name: 'Store' },
      list: { button: 'Pick', sections: [{ items: [{ id: 'a', title: 'A' }] }] },
      template: { name: 'order_shipped', language: 'en_US', variables: ['Ada'] },
    })
  })

  it('media builders set the type', () => {
    expect(video('https://x.example/v.mp4').type).toBe('video')
    expect(audio('https://x.example/a.mp3').type).toBe('audio')
    expect(file('https://x.example/f.pdf', { filename: 'f.pdf', mimeType: 'application/pdf' })).toEqual({
      type: 'file',
      url: 'https://x.example/f.pdf',
      filename: 'f.pdf',
      mimeType: 'application/pdf',
    })
  })

  it('fail where they are written, naming the field', () => {
    expect(thrownValidation(() => reply('', 'X')).issues[0]).toMatchObject({ path: ['title'], code: 'required' })
    expect(thrownValidation(() => reply('Ok', 'x'.repeat(257))).issues[0]).toMatchObject({ path: ['payload'], code: 'too_long', limit: 256, actual: 257 })
    expect(thrownValidation(() => link('Open', 'javascript:alert(1)')).issues[0]).toMatchObject({ path: ['url'], code: 'invalid_format' })
    expect(thrownValidation(() => call('Call', '0800 123')).issues[0]).toMatchObject({ path: ['phone'], code: 'invalid_format' })
    expect(thrownValidation(() => image('not a url')).issues[0]).toMatchObject({ path: ['url'] })
    expect(thrownValidation(() => location({ latitude: 0, longitude: 200 })).issues[0]).toMatchObject({ path: ['longitude'], code: 'too_big' })
    expect(thrownValidation(() => card({})).issues[0]).toMatchObject({ path: [], code: 'required' })
    expect(thrownValidation(() => list({ button: 'b', sections: [] })).issues[0]).toMatchObject({ path: ['sections'], code: 'too_few' })
    expect(thrownValidation(() => template('t', { contentSid: 'HX12' })).issues[0]).toMatchObject({ path: ['contentSid'] })
    expect(thrownValidation(() => message({ text: 'x', buttons: [reply('A', 'a'), reply('a', 'b')] })).issues[0]).toMatchObject({
      path: ['buttons', 1, 'title'],
      code: 'duplicate',
    })
  })

  it('name the builder in the error message', () => {
    expect(thrownValidation(() => reply('', 'X')).message).toBe('reply(): title: must not be empty')
  })
})
