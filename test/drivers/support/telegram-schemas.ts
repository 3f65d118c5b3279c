// Validators for every Bot API request the Telegram driver makes. sendMessage, sendPhoto and
// answerCallbackQuery use the shared, official-scrape bundle (../shared/provider-contracts/telegram);
// the other send methods use our telegram-extra.schema.json, written from the Bot API reference,
// which $refs the shared bundle (keyboards, reply parameters, entities). Both bundles are
// registered in one Ajv instance of their own, so the refs resolve and the shared helper's
// instance stays as it is.
import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { contractFile } from './provider-contracts.js'

const SHARED_ID = 'urn:provider-contracts:telegram'
const EXTRA_ID = 'urn:anychannel:test:telegram-extra'

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)
ajv.addSchema(contractFile('telegram', 'schemas.json'))
ajv.addSchema(JSON.parse(readFileSync(new URL('./telegram-extra.schema.json', import.meta.url), 'utf8')) as object)

/** Which schema validates each method's request body, and whether it is the provider's (official scrape) or ours. */
export const TELEGRAM_REQUEST_SCHEMAS = {
  sendMessage: { ref: `${SHARED_ID}#/$defs/SendMessageRequest`, source: 'shared' },
  sendPhoto: { ref: `${SHARED_ID}#/$defs/SendPhotoRequest`, source: 'shared' },
  answerCallbackQuery: { ref: `${SHARED_ID}#/$defs/AnswerCallbackQueryRequest`, source: 'shared' },
  sendVideo: { ref: `${EXTRA_ID}#/$defs/SendVideoRequest`, source: 'ours' },
  sendAudio: { ref: `${EXTRA_ID}#/$defs/SendAudioRequest`, source: 'ours' },
  sendDocument: { ref: `${EXTRA_ID}#/$defs/SendDocumentRequest`, source: 'ours' },
  sendMediaGroup: { ref: `${EXTRA_ID}#/$defs/SendMediaGroupRequest`, source: 'ours' },
  sendLocation: { ref: `${EXTRA_ID}#/$defs/SendLocationRequest`, source: 'ours' },
  sendVenue: { ref: `${EXTRA_ID}#/$defs/SendVenueRequest`, source: 'ours' },
} as const

export type TelegramMethodName = keyof typeof TELEGRAM_REQUEST_SCHEMAS

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length
}

// The scraped schema's maxLength counts characters, but callback_data is limited in UTF-8 bytes
// (its own description says so): check the bytes too.
function callbackDataProblems(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => callbackDataProblems(v, `${path}/${i}`))
  if (typeof value !== 'object' || value === null) return []
  const out: string[] = []
  for (const [k, v] of Object.entries(value)) {
    if (k === 'callback_data' && typeof v === 'string' && (utf8Length(v) < 1 || utf8Length(v) > 64))
      out.push(`${path}/callback_data must be 1-64 bytes of UTF-8, got ${utf8Length(v)}`)
    out.push(...callbackDataProblems(v, `${path}/${k}`))
  }
  return out
}

/** Validates a request body for `method`: one line per problem, empty when valid. */
export function validateTelegramRequest(method: string, body: unknown): string[] {
  const entry = (TELEGRAM_REQUEST_SCHEMAS as Record<string, { ref: string }>)[method]
  if (!entry) return [`unknown Bot API method ${method}`]
  const validate = ajv.getSchema(entry.ref)
  if (!validate) throw new Error(`no schema ${entry.ref}`)
  const problems = validate(body)
    ? []
    : (validate.errors ?? []).map((e) => `${method}${e.instancePath || '(root)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
  return [...problems, ...callbackDataProblems(body)]
}

/** Validates an Update as Telegram sends it (the shared `InboundWebhook`). */
export function validateTelegramUpdate(update: unknown): string[] {
  const validate = ajv.getSchema(`${SHARED_ID}#/$defs/InboundWebhook`)
  if (!validate) throw new Error('no InboundWebhook schema')
  return validate(update) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`)
}
