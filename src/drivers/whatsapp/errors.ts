import { type AnychannelError, ProviderError, RateLimitError } from '../../errors.js'
import type { HttpContext, HttpResponse } from '../http.js'
import { type GraphErrorTable, graphErrorToAnychannel } from '../meta.js'

// Codes from https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes. Meta
// answers many of them with HTTP 400 (throttling included), so the code decides, not the status.

/**
 * Cloud API codes meaning "this recipient cannot be reached on WhatsApp (now)": another channel
 * may work, so the client fails over.
 */
export const WHATSAPP_RECIPIENT_CODES: Readonly<Record<number, string>> = {
  131026: 'message undeliverable: the number is not on WhatsApp, or cannot receive this message',
  131047: 'more than 24 hours since the customer last wrote: only a template can reach them',
  131030: 'the recipient is not in the allowed list of this test number',
  131049: 'Meta did not deliver this marketing message to keep engagement healthy',
  131050: 'the recipient stopped marketing messages from this business',
  130472: "the recipient's number is part of a marketing message experiment",
}

// 0: AuthException, 190: access token expired or invalid, 3 / 10 / 200-299: capability or
// permission missing, 131005: access denied.
const AUTH_CODES = new Set([0, 3, 10, 190, 131005])

// Throttling: 4 app call limit, 80007 WABA rate limit, 130429 throughput, 131056 pair rate limit
// (same recipient too often), 131057 account in maintenance mode (throughput upgrade). The message
// was not sent; waiting and retrying is what Meta prescribes.
const RATE_CODES = new Set([4, 80007, 130429, 131056, 131057])
// 131048: the number is restricted because earlier messages were blocked or flagged as spam. A
// quick retry will not help; another channel may.
const SPAM_LIMIT_CODE = 131048
// 368 / 131031: the business account is restricted or locked for a policy violation. Answered
// with HTTP 403, yet no credential problem: the same message can still go out on another channel.
const ACCOUNT_BLOCKED_CODES = new Set([368, 131031])
// 2: service temporarily unavailable, 131016: service unavailable, 133004: server temporarily
// unavailable. The message was not accepted: safe to retry.
const TRANSIENT_CODES = new Set([2, 131016, 133004])

const WHATSAPP_GRAPH_TABLE: GraphErrorTable = {
  detail(raw) {
    const data = raw.error_data as { details?: unknown } | undefined
    return typeof data?.details === 'string' ? data.details : undefined
  },
  recipient: (code) => WHATSAPP_RECIPIENT_CODES[code],
  isAuth: (code) => AUTH_CODES.has(code) || (code >= 200 && code <= 299),
  rateCodes: RATE_CODES,
  transientCodes: TRANSIENT_CODES,
  special(code, message, init) {
    if (code === SPAM_LIMIT_CODE) return new RateLimitError(message, { ...init, retryable: false })
    if (ACCOUNT_BLOCKED_CODES.has(code)) return new ProviderError(message, init)
    return undefined
  },
}

/**
 * Maps a Graph API error response (`{ error: { message, type, code, error_subcode, error_data,
 * fbtrace_id } }`) to an anychannel error, by the rules of `graphErrorToAnychannel` and the
 * tables above; `error_data.details` is appended to the message.
 */
export function whatsappError(ctx: HttpContext, res: HttpResponse): AnychannelError {
  return graphErrorToAnychannel(ctx, res, WHATSAPP_GRAPH_TABLE)
}
