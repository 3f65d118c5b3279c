// Request validation for the Vonage driver tests: the shared vonage-messages SendRequest schema,
// plus the payloads Vonage passes through `message_type: "custom"` checked against the shared
// schemas of the APIs they belong to (WhatsApp Cloud API, Google RBM), plus our own small schemas
// (vonage-extra.schema.json) for the two requests the shared contract does not describe.
import { createPublicKey, createVerify, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { schemaValidator } from './provider-contracts.js'

const shared = schemaValidator('vonage-messages', 'SendRequest')
const whatsappCloud = schemaValidator('whatsapp-cloud', 'SendRequest')
const rbm = schemaValidator('google-rbm', 'SendRequest')

const extraBundle = JSON.parse(readFileSync(new URL('./vonage-extra.schema.json', import.meta.url), 'utf8')) as { $id: string }
const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)
ajv.addSchema(extraBundle)

/** A validator for one of our own schemas in vonage-extra.schema.json. */
export function extraValidator(name: 'MmsText' | 'WhatsappCtaUrlCustom'): (value: unknown) => string[] {
  const v = ajv.getSchema(`${extraBundle.$id}#/$defs/${name}`)
  if (!v) throw new Error(`no schema ${name}`)
  return (value) => (v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`))
}

const mmsText = extraValidator('MmsText')
const ctaUrl = extraValidator('WhatsappCtaUrlCustom')

/** Which schemas a request body was checked against, for the report. */
export function schemasFor(body: Record<string, unknown>): string[] {
  if (body.channel === 'mms' && body.message_type === 'text') return ['ours: MmsText']
  const out = ['vonage-messages SendRequest']
  if (body.message_type === 'custom') {
    const custom = body.custom as Record<string, unknown> | undefined
    if (body.channel === 'whatsapp')
      out.push((custom?.interactive as { type?: unknown } | undefined)?.type === 'cta_url' ? 'ours: WhatsappCtaUrlCustom' : 'whatsapp-cloud SendRequest')
    if (body.channel === 'rcs') out.push('google-rbm SendRequest')
  }
  return out
}

/** Validates a `POST /v1/messages` body; one line per problem. */
export function validateVonageBody(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['body is not a JSON object']
  const body = value as Record<string, unknown>
  if (body.channel === 'mms' && body.message_type === 'text') return mmsText(body).map((p) => `MmsText ${p}`)
  const problems = shared(body)
  if (body.message_type === 'custom' && typeof body.custom === 'object' && body.custom !== null) {
    const custom = body.custom as Record<string, unknown>
    if (body.channel === 'whatsapp') {
      const interactive = custom.interactive as { type?: unknown } | undefined
      if (interactive?.type === 'cta_url') problems.push(...ctaUrl(custom).map((p) => `custom (cta_url) ${p}`))
      // Vonage adds messaging_product and to; the rest is the Cloud API message object.
      else problems.push(...whatsappCloud({ messaging_product: 'whatsapp', to: body.to, ...custom }).map((p) => `custom (whatsapp-cloud) ${p}`))
    }
    if (body.channel === 'rcs') problems.push(...rbm(custom).map((p) => `custom (google-rbm) ${p}`))
  }
  return problems
}

/** Checks an RS256 application JWT: signature with `publicKey`, and the claims Vonage requires. */
export function jwtProblems(authorization: string | null, publicKey: KeyObject | string, applicationId: string, nowMs = Date.now()): string[] {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1]
  if (!token) return ['Authorization: Bearer <JWT> expected']
  const [h, p, s] = token.split('.')
  if (!h || !p || !s) return ['malformed JWT']
  const problems: string[] = []
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>
  if (header.alg !== 'RS256' || header.typ !== 'JWT') problems.push(`JWT header ${JSON.stringify(header)}`)
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey
  if (!createVerify('RSA-SHA256').update(`${h}.${p}`).verify(key, Buffer.from(s, 'base64url'))) problems.push('JWT signature does not verify')
  if (claims.application_id !== applicationId) problems.push('application_id claim')
  const iat = claims.iat as number
  if (typeof iat !== 'number' || Math.abs(iat - nowMs / 1000) > 60) problems.push('iat claim not now')
  if (claims.exp !== iat + 900) problems.push('exp claim must be iat + 15 min')
  if (typeof claims.jti !== 'string' || !/^[0-9a-f-]{36}$/.test(claims.jti)) problems.push('jti claim must be a UUID')
  return problems
}
