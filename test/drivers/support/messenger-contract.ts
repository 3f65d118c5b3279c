// Validation of Messenger Send API request bodies: every request goes against the SendRequest of
// ../shared/provider-contracts/messenger (hand-written there from Meta's Send API reference; no
// machine-readable spec exists). On top of it, the documented rules that schema leaves open are
// checked, so the validation is never weaker than the shared one. The driver makes no request the
// shared contract lacks, so there is no schema of ours.
import { schemaValidator } from './provider-contracts.js'

const shared = schemaValidator('messenger', 'SendRequest')

type Json = Record<string, unknown>

// https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/template/generic
// "At least one property must be set in addition to title." (element properties), and
// .../template/button: "text: UTF-8-encoded text of up to 640 characters. Text appears above the
// buttons." (required; the shared ButtonTemplatePayload has no minLength).
function documentedRules(body: Json): string[] {
  const problems: string[] = []
  const payload = ((body.message as Json | undefined)?.attachment as Json | undefined)?.payload as Json | undefined
  if (payload?.template_type === 'generic') {
    ;(payload.elements as Json[] | undefined)?.forEach((e, i) => {
      if (Object.keys(e).filter((k) => k !== 'title').length === 0) problems.push(`/message/attachment/payload/elements/${i} needs a property besides title`)
    })
  }
  if (payload?.template_type === 'button' && (typeof payload.text !== 'string' || payload.text.length === 0)) problems.push('/message/attachment/payload/text is required')
  return problems
}

/** Checks one request body: the shared schema, then the documented rules. One line per problem. */
export function validateMessengerRequest(body: unknown): string[] {
  const problems = shared(body)
  if (typeof body === 'object' && body !== null) problems.push(...documentedRules(body as Json))
  return problems
}
