import type { AnychannelError } from '../../errors.js'
import type { HttpContext, HttpResponse } from '../http.js'
import { type GraphErrorTable, graphErrorToAnychannel } from '../meta.js'

// Codes from https://developers.facebook.com/docs/messenger-platform/error-codes and the Send API
// error reference. Graph answers most of them with HTTP 400 (throttling included), so the code and
// subcode decide, not the status.

/**
 * Graph `code/error_subcode` pairs (or a bare `code`) meaning "this person cannot be reached on
 * Messenger (now)": another channel may work, so the client fails over.
 */
export const MESSENGER_RECIPIENT_CODES: Readonly<Record<string, string>> = {
  '100/2018001': 'no matching user: the PSID is not a person who wrote to this Page',
  '10/2018278': 'outside the 24-hour window: only a tagged message (MESSAGE_TAG) can reach this person now',
  '10/2018065': 'outside the 24-hour window: only a tagged message (MESSAGE_TAG) can reach this person now',
  '10/2018108': 'this person is not receiving messages from this Page right now',
  '551': 'this person is not available right now (blocked the Page, or left Messenger)',
}

// 190: access token invalid or expired; 102: session invalid; 10 and 200-299: a permission is
// missing (pages_messaging, app review) unless the subcode says otherwise above.
const AUTH_CODES = new Set([102, 10, 190])

// Throttling, the request was not processed: 4 app request limit (subcode 2018022: too many
// sends to phone numbers), 32 Page request limit, 613 "Calls to this API have exceeded the rate
// limit", 80006 Messenger business-use-case limit. Meta sends no Retry-After; the client backs off.
const RATE_CODES = new Set([4, 32, 613, 80006])

// 1200 "Temporary send message failure. Please try again later", 2 "An unexpected error has
// occurred. Please retry your request later": refusals, safe to retry.
const TRANSIENT_CODES = new Set([2, 1200])

const MESSENGER_GRAPH_TABLE: GraphErrorTable = {
  detail: (raw) => (typeof raw.error_user_msg === 'string' ? raw.error_user_msg : undefined),
  recipient: (code, subcode) => MESSENGER_RECIPIENT_CODES[`${code}/${subcode}`] ?? MESSENGER_RECIPIENT_CODES[String(code)],
  isAuth: (code) => AUTH_CODES.has(code) || (code >= 200 && code <= 299),
  rateCodes: RATE_CODES,
  transientCodes: TRANSIENT_CODES,
}

/**
 * Maps a Graph API error response (`{ error: { message, type, code, error_subcode, fbtrace_id } }`)
 * to an anychannel error:
 * - {@link MESSENGER_RECIPIENT_CODES} → `RecipientError` (fail over)
 * - 190, 102, 10, 200–299, or HTTP 401/403 without a code → `AuthError`
 * - 4, 32, 613, 80006, or HTTP 429 → `RateLimitError` (retryable; `retryAfterMs` from a
 *   `Retry-After` header when one is present)
 * - 2, 1200 or `is_transient: true` → retryable `ProviderError`
 * - anything else → `ProviderError` (502/504 ambiguous, 503 with Retry-After retryable)
 *
 * `requestId` is `fbtrace_id` (or the `x-fb-trace-id` header). Messages pass through `redact()`.
 */
export function messengerError(ctx: HttpContext, res: HttpResponse): AnychannelError {
  return graphErrorToAnychannel(ctx, res, MESSENGER_GRAPH_TABLE)
}
