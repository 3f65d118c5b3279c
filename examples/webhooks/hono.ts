// The same webhooks with Hono: handleWebhook takes the Fetch API Request Hono already has, so the
// route is one line, and the app runs on Node, Bun, Deno or a Cloudflare Worker unchanged.
import { Hono } from 'hono'
import { createClient } from '../../src/index.js'
import { createTelegramDriver } from '../../src/drivers/telegram/index.js'
import { createWhatsAppDriver } from '../../src/drivers/whatsapp/index.js'

type Env = { META_APP_SECRET: string; WHATSAPP_TOKEN: string; WHATSAPP_PHONE_NUMBER_ID: string; WHATSAPP_VERIFY_TOKEN: string; TELEGRAM_BOT_TOKEN: string; TELEGRAM_SECRET: string }

export function app(env: Env) {
  const client = createClient({
    channels: {
      whatsapp: createWhatsAppDriver({ phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID, accessToken: env.WHATSAPP_TOKEN, appSecret: env.META_APP_SECRET, verifyToken: env.WHATSAPP_VERIFY_TOKEN }),
      telegram: createTelegramDriver({ botToken: env.TELEGRAM_BOT_TOKEN, secretToken: env.TELEGRAM_SECRET }),
    },
  })
  client.on('inbound', (e) => console.log(e.channel, e.from, e.reply?.payload ?? e.text))

  const hono = new Hono()
  // GET answers Meta's hub.challenge handshake, POST delivers events; both go through handleWebhook.
  hono.all('/webhooks/:channel', (c) => client.handleWebhook(c.req.param('channel'), c.req.raw))
  return hono
}

// Cloudflare Workers / Bun / Deno: `export default { fetch: (req, env) => app(env).fetch(req) }`
export default { fetch: (request: Request, env: Env) => app(env).fetch(request) }
