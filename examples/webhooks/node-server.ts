// A webhook server on plain node:http: verified webhooks for Twilio (SMS) and WhatsApp in, one
// normalised event stream out. Run: TWILIO_ACCOUNT_SID=… TWILIO_AUTH_TOKEN=… META_APP_SECRET=… \
//   WHATSAPP_TOKEN=… WHATSAPP_PHONE_NUMBER_ID=… npx tsx examples/webhooks/node-server.ts
// then point Twilio's "A message comes in" / status callback at https://<your host>/webhooks/sms and
// Meta's webhook at https://<your host>/webhooks/whatsapp (verify token: WHATSAPP_VERIFY_TOKEN).
import { createServer } from 'node:http'
import { createClient } from '../../src/index.js'
import { createTwilioDriver } from '../../src/drivers/twilio/index.js'
import { createWhatsAppDriver } from '../../src/drivers/whatsapp/index.js'
import { webhookHandler } from '../../src/node/index.js'

const env = (name: string) => process.env[name] ?? ''

const client = createClient({
  channels: {
    whatsapp: createWhatsAppDriver({
      phoneNumberId: env('WHATSAPP_PHONE_NUMBER_ID') || '000000000000000',
      accessToken: env('WHATSAPP_TOKEN') || 'unset',
      appSecret: env('META_APP_SECRET') || 'unset',
      verifyToken: env('WHATSAPP_VERIFY_TOKEN') || 'unset',
    }),
    sms: createTwilioDriver({
      accountSid: env('TWILIO_ACCOUNT_SID') || `AC${'0'.repeat(32)}`,
      authToken: env('TWILIO_AUTH_TOKEN') || 'unset',
      from: env('TWILIO_FROM') || '+15005550006',
      // Twilio signs the public URL; behind a proxy, give it here (or use trustProxy below).
      ...(env('PUBLIC_SMS_WEBHOOK_URL') ? { webhookUrl: env('PUBLIC_SMS_WEBHOOK_URL') } : {}),
    }),
  },
  failover: ['whatsapp', 'sms'],
})

client.on('inbound', async (e) => {
  // Native taps and numbered SMS replies look the same here.
  if (e.reply?.payload === 'TRACK') await client.send({ to: e.from, message: { text: 'Your parcel arrives today between 2 and 4 pm.' }, via: [e.channel === 'whatsapp' ? 'whatsapp' : 'sms'] })
  else console.log(`${e.channel} ${e.from}: ${e.text ?? '(media)'}`)
})
client.on('status', (e) => console.log(`${e.providerMessageId} is ${e.status}`))
client.on('opt-out', (e) => console.log(`${e.recipient} opted out of ${e.channel}`))
client.on('webhook-error', (e) => console.warn(`rejected a ${e.channel} webhook: ${e.error.message}`))

const port = Number(process.env.PORT ?? 3000)
createServer(webhookHandler(client, (req) => req.url?.split('?')[0]?.split('/')[2] ?? '', { trustProxy: true })).listen(port, () =>
  console.log(`webhooks on http://localhost:${port}/webhooks/:channel`),
)
