// Validation of WhatsApp Cloud API request bodies: every request goes against the official
// SendRequest of ../shared/provider-contracts/whatsapp-cloud, except the interactive CTA URL
// message the official spec lacks, which goes against our own closed schema
// (whatsapp-extra.schema.json, which says where it comes from). On top of both, the documented rules
// the schemas cannot express are checked, so the validation is never weaker than the official one.
import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { schemaValidator } from './provider-contracts.js'

const official = schemaValidator('whatsapp-cloud', 'SendRequest')

const extraSchema = JSON.parse(readFileSync(new URL('./whatsapp-extra.schema.json', import.meta.url), 'utf8')) as { $id: string }
const ajv = new Ajv2020({ strict: true, allErrors: true })
addFormats(ajv)
ajv.addSchema(extraSchema)
const ctaUrl = ajv.getSchema(`${extraSchema.$id}#/$defs/CtaUrlMessage`)
if (!ctaUrl) throw new Error('whatsapp-extra.schema.json has no CtaUrlMessage')

/** Our schema for `interactive.type: "cta_url"` requests: one line per problem. */
export function validateCtaUrl(body: unknown): string[] {
  if (ctaUrl?.(body)) return []
  return (ctaUrl?.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
}

/** Which schema a request body is held against. */
export function schemaFor(body: unknown): 'official' | 'ours' {
  const interactive = (body as { interactive?: { type?: unknown } } | null)?.interactive
  return interactive?.type === 'cta_url' ? 'ours' : 'official'
}

type Json = Record<string, unknown>

// Documented rules beyond the schemas (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages):
// media object: "caption … Do not use with audio or sticker media", "filename … Use only with
// document media"; interactive object: body "Optional for type product. Required for other
// message types." The official MediaObject and InteractiveObject leave these open.
function documentedRules(body: Json): string[] {
  const problems: string[] = []
  for (const kind of ['audio', 'sticker', 'image', 'video'] as const) {
    const m = body[kind] as Json | undefined
    if (!m) continue
    if ((kind === 'audio' || kind === 'sticker') && 'caption' in m) problems.push(`/${kind} must not have a caption`)
    if ('filename' in m) problems.push(`/${kind} must not have a filename (documents only)`)
  }
  const interactive = body.interactive as Json | undefined
  if (interactive && interactive.type !== 'product') {
    const text = (interactive.body as Json | undefined)?.text
    if (typeof text !== 'string' || text.length === 0) problems.push(`/interactive/body is required for type ${String(interactive.type)}`)
  }
  if (typeof body.type === 'string' && !(body.type in body)) problems.push(`/type is ${body.type} but there is no ${body.type} object`)
  return problems
}

/** Checks one request body: the right schema, then the documented rules. One line per problem. */
export function validateWhatsAppRequest(body: unknown): string[] {
  const problems = schemaFor(body) === 'ours' ? validateCtaUrl(body) : official(body)
  if (typeof body === 'object' && body !== null) problems.push(...documentedRules(body as Json))
  return problems
}
