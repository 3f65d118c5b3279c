// Validation of what the RBM driver sends. agentMessages.create requests go against the official
// SendRequest and CreateQuery of ../shared/provider-contracts/google-rbm, plus the documented rules
// those schemas leave open; the service account token request and its JWT go against our own
// closed schemas (rbm-extra.schema.json, which says where they come from).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { schemaValidator } from './provider-contracts.js'

const sendRequest = schemaValidator('google-rbm', 'SendRequest')
const createQuery = schemaValidator('google-rbm', 'CreateQuery')

const extraSchema = JSON.parse(readFileSync(new URL('./rbm-extra.schema.json', import.meta.url), 'utf8')) as { $id: string }
const ajv = new Ajv2020({ strict: true, allErrors: true })
addFormats(ajv)
ajv.addSchema(extraSchema)

/** A validator for `rbm-extra.schema.json#/$defs/<name>` (ours): one line per problem. */
export function extraValidator(name: 'TokenRequest' | 'AssertionHeader' | 'AssertionClaims' | 'TokenResponse' | 'TokenErrorResponse' | 'ServerEvent'): (value: unknown) => string[] {
  const validate = ajv.getSchema(`${extraSchema.$id}#/$defs/${name}`)
  if (!validate) throw new Error(`rbm-extra.schema.json has no ${name}`)
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`))
}

// phones.agentMessages.create: "messageId … must be a UUID, as defined in RFC 4122 / RFC 9562"
// (https://developers.google.com/business-communications/rcs-business-messaging/reference/rest/v1/phones.agentMessages/create).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i
const PATH = /^\/v1\/phones\/(\+[1-9][0-9]{1,14})\/agentMessages$/

type Json = Record<string, unknown>

// Documented rules beyond the schema: carousels take no TALL media (CarouselCard / Media.height).
function documentedRules(body: Json): string[] {
  const problems: string[] = []
  const carousel = ((body.contentMessage as Json | undefined)?.richCard as Json | undefined)?.carouselCard as { cardContents?: Array<{ media?: { height?: string } }> } | undefined
  for (const [i, c] of (carousel?.cardContents ?? []).entries()) if (c.media?.height === 'TALL') problems.push(`/contentMessage/richCard/carouselCard/cardContents/${i}/media/height TALL is not allowed in carousels`)
  return problems
}

/** Checks one agentMessages.create request: path, query, headers and body. One line per problem. */
export function validateRbmSend(req: { method: string; url: URL | string; headers: Headers; body: unknown }, agentId: string, token: string): string[] {
  const problems: string[] = []
  const url = new URL(req.url)
  if (req.method !== 'POST') problems.push(`method ${req.method}, POST expected`)
  if (!PATH.test(url.pathname)) problems.push(`path ${url.pathname}: /v1/phones/{E.164}/agentMessages expected`)
  const query = Object.fromEntries(url.searchParams)
  problems.push(...createQuery(query).map((p) => `query ${p}`))
  for (const k of Object.keys(query)) if (k !== 'messageId' && k !== 'agentId') problems.push(`query ${k}: unknown parameter`)
  if (!UUID.test(query.messageId ?? '')) problems.push(`query messageId ${query.messageId}: must be a UUID`)
  if (query.agentId !== agentId) problems.push(`query agentId ${query.agentId}: ${agentId} expected`)
  if (req.headers.get('authorization') !== `Bearer ${token}`) problems.push('Authorization: Bearer <access token> expected')
  if (!(req.headers.get('content-type') ?? '').startsWith('application/json')) problems.push('JSON body expected')
  problems.push(...sendRequest(req.body))
  if (typeof req.body === 'object' && req.body !== null) problems.push(...documentedRules(req.body as Json))
  return problems
}

/** The phone number of a request path. */
export function phoneOf(url: URL): string {
  return PATH.exec(url.pathname)?.[1] ?? ''
}

/**
 * UUID version 5 (RFC 9562 §5.5) with node:crypto, written apart from the driver's Web Crypto one
 * so the tests check the driver against an independent implementation.
 */
export function nodeUuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16)
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80
  const h = hash.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
