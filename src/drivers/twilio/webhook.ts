import type { DriverWebhook } from '../contract.js'
import type { ChannelEvent, DeliveryStatus, InboundEvent, StatusEvent } from '../../webhooks/events.js'
import { DEFAULT_MAX_WEBHOOK_BYTES, hmac, readBody, sha256, timingSafeEqual, toBase64, toHex, utf8 } from '../../webhooks/crypto.js'
import { mediaTypeOf } from '../../webhooks/json.js'

/** Options of the Twilio webhook. */
export interface TwilioWebhookOptions {
  /** The auth token (or API key secret) Twilio signs with. */
  authToken: string
  /** The public URL Twilio was configured with, when the app sees another one (behind a proxy). */
  webhookUrl?: string
  /** Largest body accepted. @defaultValue 1 MiB */
  maxBodyBytes?: number
  channel: 'sms' | 'mms' | 'whatsapp'
}

/** Twilio `MessageStatus` → anychannel status. `receiving`/`received` are inbound, not statuses. */
export const TWILIO_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  partially_delivered: 'sent',
  read: 'read',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
}

/** The signed string: URL, then every POST parameter sorted by name, each as name + value. */
async function signature(token: string, url: string, sortedParams: string): Promise<string> {
  return toBase64(await hmac('SHA-1', token, url + sortedParams))
}

/** The POST parameters as Twilio appends them to the URL: sorted by name (then value), each as name + value. */
function sortedParams(params: ReadonlyArray<[string, string]>): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  let data = ''
  for (const [k, v] of sorted) data += k + v
  return data
}

/** The URL with the default port added and removed: proxies differ, Twilio's own libraries accept both. */
function urlVariants(raw: string): string[] {
  const out = new Set([raw])
  try {
    const u = new URL(raw)
    const port = u.protocol === 'https:' ? '443' : '80'
    if (u.port) {
      const bare = new URL(raw)
      bare.port = ''
      out.add(bare.href.replace(/\/$/, raw.endsWith('/') ? '/' : ''))
    } else {
      out.add(raw.replace(`${u.protocol}//${u.host}`, `${u.protocol}//${u.hostname}:${port}`))
    }
  } catch {
    // an unparseable URL only matches itself
  }
  return [...out]
}

function form(text: string): Array<[string, string]> {
  return [...new URLSearchParams(text)]
}

/** Creates the webhook half of the Twilio driver. */
export function twilioWebhook(o: TwilioWebhookOptions): DriverWebhook {
  const max = o.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES
  return {
    async verify(request) {
      const given = request.headers.get('x-twilio-signature')
      if (!given) return false
      const raw = await readBody(request, max)
      if (!raw) return false
      const url = o.webhookUrl ?? request.url
      const bodyHash = new URL(url).searchParams.get('bodySHA256')
      const params = sortedParams(bodyHash !== null || request.method === 'GET' ? [] : form(utf8(raw)))
      if (bodyHash !== null && !timingSafeEqual(toHex(await sha256(raw)), bodyHash.toLowerCase())) return false
      for (const candidate of urlVariants(url)) if (timingSafeEqual(await signature(o.authToken, candidate, params), given)) return true
      return false
    },
    async parse(request) {
      const raw = await readBody(request, max)
      if (!raw) return []
      const f = Object.fromEntries(form(request.method === 'GET' ? new URL(request.url).search : utf8(raw)))
      const at = Date.now()
      const strip = (a: string | undefined) => (a ?? '').replace(/^whatsapp:/, '')
      const channel = (f.From ?? '').startsWith('whatsapp:') || (f.To ?? '').startsWith('whatsapp:') ? 'whatsapp' : o.channel
      const sid = f.MessageSid ?? f.SmsSid ?? ''
      const events: ChannelEvent[] = []
      const status = f.MessageStatus ?? (f.SmsStatus !== 'received' && f.SmsStatus !== 'receiving' ? f.SmsStatus : undefined)
      if (status && f.Body === undefined && f.NumMedia === undefined) {
        const mapped = TWILIO_STATUS[status]
        if (!mapped) return []
        const e: StatusEvent = {
          type: 'status',
          channel,
          provider: 'twilio',
          providerMessageId: sid,
          status: mapped,
          at,
          recipient: strip(f.To),
          eventId: request.headers.get('i-twilio-idempotency-token') ?? `${sid}:${status}`,
          raw: f,
        }
        if (f.ErrorCode) e.error = { code: f.ErrorCode, ...(f.ErrorMessage ? { message: f.ErrorMessage } : {}) }
        events.push(e)
        return events
      }
      const e: InboundEvent = {
        type: 'inbound',
        channel: channel === 'sms' && Number(f.NumMedia ?? 0) > 0 ? 'mms' : channel,
        provider: 'twilio',
        from: strip(f.From),
        to: strip(f.To),
        at,
        providerMessageId: sid,
        eventId: request.headers.get('i-twilio-idempotency-token') ?? sid,
        raw: f,
      }
      if (f.Body) e.text = f.Body
      const n = Number(f.NumMedia ?? 0)
      if (n > 0) {
        e.media = []
        for (let i = 0; i < n; i++) {
          const url = f[`MediaUrl${i}`]
          const mimeType = f[`MediaContentType${i}`]
          if (!url) continue
          e.media.push({ type: mediaTypeOf(mimeType), url, ...(mimeType ? { mimeType } : {}) })
        }
      }
      if (f.Latitude && f.Longitude) {
        e.location = { latitude: Number(f.Latitude), longitude: Number(f.Longitude), ...(f.Label ? { name: f.Label } : {}), ...(f.Address ? { address: f.Address } : {}) }
      }
      // A tap on a WhatsApp quick-reply button sent through Twilio.
      if (f.ButtonPayload) e.reply = { payload: f.ButtonPayload, title: f.ButtonText ?? f.ButtonPayload, source: 'native' }
      events.push(e)
      return events
    },
    acknowledge() {
      // Twilio reads TwiML from the reply; an empty Response sends nothing back to the customer.
      return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', { status: 200, headers: { 'content-type': 'text/xml' } })
    },
  }
}
