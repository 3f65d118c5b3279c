// npm run demo: one rich message, sent to console drivers posing as WhatsApp, Messenger, RCS,
// Telegram and SMS. Each shows what a person on that channel would see, then the degradation report.
import { card, createClient, image, link, message, reply } from '../src/index.js'
import { createConsoleDriver } from '../src/drivers/console/index.js'

const order = message({
  text: 'Your order **#1234** has shipped! Pick what you need next:',
  cards: [
    card({
      title: 'Blue linen shirt',
      text: 'Size M, arrives Thursday',
      media: image('https://shop.example.com/img/shirt.jpg'),
      buttons: [link('View item', 'https://shop.example.com/p/shirt'), reply('Buy again', 'REORDER_SHIRT')],
    }),
    card({
      title: 'Canvas tote bag',
      text: 'Arrives Friday',
      media: image('https://shop.example.com/img/tote.jpg'),
      buttons: [link('View item', 'https://shop.example.com/p/tote'), reply('Buy again', 'REORDER_TOTE')],
    }),
    card({
      title: 'Gift card',
      text: 'Delivered by email',
      media: image('https://shop.example.com/img/gift.jpg'),
      buttons: [link('View item', 'https://shop.example.com/p/gift'), reply('Buy again', 'REORDER_GIFT')],
    }),
  ],
  quickReplies: [reply('Track parcel', 'TRACK'), reply('Change address', 'ADDRESS'), reply('Talk to us', 'AGENT')],
  fallback: { url: 'https://shop.example.com/o/1234' },
})

const client = createClient({
  channels: {
    whatsapp: createConsoleDriver({ channel: 'whatsapp' }),
    messenger: createConsoleDriver({ channel: 'messenger' }),
    rcs: createConsoleDriver({ channel: 'rcs' }),
    telegram: createConsoleDriver({ channel: 'telegram' }),
    sms: createConsoleDriver({ channel: 'sms' }),
  },
})

for (const channel of Object.keys(client.channels)) {
  const result = await client.send({ to: '+14155550100', message: order, via: [channel] })
  console.log(`\n${channel}: ${result.rendered.messages.length} message(s), status ${result.status}`)
  for (const d of result.rendered.report) console.log(`  ${d.lossy ? '✗ lossy' : '· kept '} ${d.path}: ${d.detail}`)
  if (result.rendered.replies.length)
    console.log(`  replies: ${result.rendered.replies.map((r) => `${r.keys.map((k) => JSON.stringify(k)).join('/')} → ${r.payload}`).join(', ')}`)
  if (result.rendered.sms) {
    const s = result.rendered.sms
    console.log(`  sms: ${s.encoding}, ${s.units} units, ${s.segments} segment(s)`)
  }
  console.log()
}

const tight = client.render(order, 'sms', { maxSegments: 1 })
console.log('The same message as one 160-character SMS (render(order, "sms", { maxSegments: 1 })):\n')
console.log(tight.messages[0]?.text)
console.log(`\n  ${tight.sms?.encoding}, ${tight.sms?.units} units, ${tight.sms?.segments} segment`)
for (const d of tight.report) console.log(`  ${d.lossy ? '✗ lossy' : '· kept '} ${d.path}: ${d.detail}`)
