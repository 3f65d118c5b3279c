// Validation of LINE push requests. Every body goes against BOTH the official PushMessageRequest of
// ../shared/provider-contracts/line (line-openapi; official but open: no object in it is closed)
// and our closed line-extra.schema.json, which adds the limits of the Messaging API reference and
// says where each comes from. Webhook bodies go against the official webhook bundle.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { schemaValidator } from './provider-contracts.js'

/** The official push request schema (`urn:provider-contracts:line#/$defs/SendRequest`). */
export const validateOfficialPush = schemaValidator('line', 'SendRequest')
/** The official webhook schema (`urn:provider-contracts:line-webhook#/$defs/InboundWebhook`). */
export const validateLineWebhook = schemaValidator('line', 'InboundWebhook', 'webhook.schemas.json')
/** The official error response schema. */
export const validateLineError = schemaValidator('line', 'ErrorResponse')
/** The official push response schema. */
export const validateLinePushResponse = schemaValidator('line', 'SendResponse')

const extraSchema = JSON.parse(readFileSync(new URL('./line-extra.schema.json', import.meta.url), 'utf8')) as { $id: string }
// strictRequired is off: the carousel's "an image on every column or on none" rules use `required`
// inside anyOf, away from the properties they name. Every other strict check stays on.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true })
addFormats(ajv)
ajv.addSchema(extraSchema)
const ours = ajv.getSchema(`${extraSchema.$id}#/$defs/PushRequest`)
if (!ours) throw new Error('line-extra.schema.json has no PushRequest')

/** Our closed schema: one line per problem. */
export function validateOurPush(body: unknown): string[] {
  if (ours?.(body)) return []
  return (ours?.errors ?? []).map((e) => `ours ${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
}

/** Both schemas: one line per problem, empty when LINE's contract and ours both accept the body. */
export function validateLinePush(body: unknown): string[] {
  return [...validateOfficialPush(body).map((p) => `official ${p}`), ...validateOurPush(body)]
}

/** An independent implementation of the driver's retry-key derivation (RFC 9562 UUIDv8 from SHA-256), with node:crypto. */
export function expectedRetryKey(key: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key)) return key.toLowerCase()
  const b = createHash('sha256').update(key, 'utf8').digest().subarray(0, 16)
  b[6] = ((b[6] as number) & 0x0f) | 0x80
  b[8] = ((b[8] as number) & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
