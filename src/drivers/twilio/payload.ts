import { ValidationError } from '../../errors.js'
import type { Message } from '../../message/types.js'

/** What the payload mapping needs from the driver options. */
export interface TwilioPayloadOptions {
  channel: 'sms' | 'mms' | 'whatsapp'
  from?: string
  messagingServiceSid?: string
  statusCallback?: string
}

const address = (channel: TwilioPayloadOptions['channel'], value: string) =>
  channel === 'whatsapp' && !value.startsWith('whatsapp:') ? `whatsapp:${value}` : value

/** Template variables as Twilio's ContentVariables wants them: a JSON object keyed "1", "2" … or by name. */
function contentVariables(vars: NonNullable<Message['template']>['variables']): string | undefined {
  if (!vars) return undefined
  const obj = Array.isArray(vars) ? Object.fromEntries(vars.map((v, i) => [String(i + 1), v])) : vars
  return JSON.stringify(obj)
}

/**
 * Maps a message that fits the Twilio profile to the Create Message form
 * (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, `MediaUrl` repeated).
 *
 * @throws {ValidationError} for a template without `contentSid` (Twilio sends templates by Content SID).
 */
export function toTwilioForm(message: Message, to: string, o: TwilioPayloadOptions, extra: Record<string, unknown> = {}): URLSearchParams {
  const form = new URLSearchParams()
  form.set('To', address(o.channel, to))
  if (o.messagingServiceSid) form.set('MessagingServiceSid', o.messagingServiceSid)
  if (o.from) form.set('From', address(o.channel, o.from))
  if (o.statusCallback) form.set('StatusCallback', o.statusCallback)

  if (message.template) {
    if (!message.template.contentSid)
      throw new ValidationError([
        { path: ['message', 'template', 'contentSid'], code: 'required', message: 'Twilio sends templates by Content SID (HX…): set template.contentSid' },
      ])
    form.set('ContentSid', message.template.contentSid)
    const vars = contentVariables(message.template.variables)
    if (vars) form.set('ContentVariables', vars)
  } else {
    let body = message.text
    if (message.location) {
      // WhatsApp location pins go as a PersistentAction; the body labels them.
      const l = message.location
      form.append('PersistentAction', `geo:${l.latitude},${l.longitude}${l.name ? `|${l.name}` : ''}`)
      body ??= [l.name, l.address].filter(Boolean).join(', ') || `${l.latitude},${l.longitude}`
    }
    if (body !== undefined) form.set('Body', body)
    for (const m of message.media ?? []) form.append('MediaUrl', m.url)
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) form.set(k, String(v))
  return form
}
