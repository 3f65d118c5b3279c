// npm run demo: one rich message, sent to console drivers posing as WhatsApp, Messenger, RCS,
// Telegram and SMS. Each shows what a person on that channel would see, then the degradation report.
import { createClient } from '../src/index.js'
import { createConsoleDriver } from '../src/drivers/console/index.js'
import { carousel as order } from './messages/index.js'

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
  // One customer, an address per channel: their phone for SMS/WhatsApp/RCS, a chat id for Telegram.
  const result = await client.send({ to: { phone: '+14155550100', telegram: '731946285', messenger: '6789012345678901' }, message: order, via: [channel] })
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
