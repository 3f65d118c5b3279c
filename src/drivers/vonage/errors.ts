import { type AnychannelError, AuthError, ProviderError, RateLimitError, RecipientError } from '../../errors.js'
import { type HttpContext, type HttpResponse, errorInit, redact, retryAfterMs, statusDefaults, withRetryAfter } from '../http.js'

// The Messages API answers with RFC 7807 problem details; the fragment of `type` names the error:
// generic ones (https://developer.vonage.com/en/api-errors) and numeric Messages API codes
// (https://developer.vonage.com/en/api-errors/messages).

/** Codes that mean "this recipient cannot be reached here": another channel may work, so the client fails over. */
export const VONAGE_RECIPIENT_CODES: Readonly<Record<string, string>> = {
  '1040': 'the number could not be processed (unrecognised prefix)',
  '1050': 'the number is barred and may not receive messages',
  '1160': 'the number is not in your pre-approved (whitelisted) destinations',
  '1170': 'invalid or missing recipient number',
}

/** Credential and account problems: resending cannot help. */
export const VONAGE_AUTH_CODES: ReadonlySet<string> = new Set([
  'unauthorized',
  'forbidden',
  'invalid-api-key',
  'invalid-signature',
  'jwt-expired',
  'jwt-revoked',
  'unprovisioned',
  'account-suspended',
  '1060', // partner account barred
])

// Out of credit: the generic page's own example answers 403 #out-of-credit; 1070 is "partner quota exceeded".
const BALANCE_CODES = new Set(['low-balance', 'out-of-credit', '1070'])
const THROTTLE_CODES = new Set(['throttled', '1000'])
// 1100: "Message was not submitted because there was a communication failure" — nothing was sent.
const NOT_SUBMITTED_CODES = new Set(['1100'])

interface Problem {
  type?: unknown
  title?: unknown
  detail?: unknown
  instance?: unknown
  invalid_parameters?: unknown
}

/** The error name of a problem `type`: its URL fragment (`…/api-errors#unauthorized` → `unauthorized`). */
function problemCode(type: unknown): string | undefined {
  if (typeof type !== 'string') return undefined
  const hash = type.lastIndexOf('#')
  const code = hash >= 0 ? type.slice(hash + 1) : ''
  return code || undefined
}

function invalidParameters(p: Problem): Array<{ name: string; reason: string }> {
  if (!Array.isArray(p.invalid_parameters)) return []
  return p.invalid_parameters
    .filter((x): x is { name?: unknown; reason?: unknown } => typeof x === 'object' && x !== null)
    .map((x) => ({ name: typeof x.name === 'string' ? x.name : '?', reason: typeof x.reason === 'string' ? x.reason : '' }))
}

/**
 * Maps a Messages API error response (`application/problem+json`) to an anychannel error: recipient
 * codes and an invalid `to` → `RecipientError`; 402 / out of credit → `ProviderError` that fails
 * over but is not retried; 401/403 and credential codes → `AuthError`; 429 and throttling →
 * `RateLimitError`; the rest per HTTP status. `requestId` is the problem's `instance` (Vonage's trace id).
 */
export function vonageError(ctx: HttpContext, res: HttpResponse): AnychannelError {
  const p = (res.json && typeof res.json === 'object' ? res.json : {}) as Problem
  const code = problemCode(p.type)
  const title = typeof p.title === 'string' ? p.title : `HTTP ${res.status}`
  const detail = typeof p.detail === 'string' && p.detail !== title ? `: ${p.detail}` : ''
  const params = invalidParameters(p)
  const paramText = params.length ? ` [${params.map((x) => `${x.name}${x.reason ? `: ${x.reason}` : ''}`).join('; ')}]` : ''
  const message = redact(`vonage: ${title}${detail}${code ? ` (${code})` : ''}${paramText}`, ctx.secrets)
  const retryAfter = retryAfterMs(res.headers)
  const init = errorInit(ctx, res, code, typeof p.instance === 'string' ? p.instance : undefined)

  const badTo = (res.status === 400 || res.status === 422) && params.some((x) => x.name === 'to')
  if (code !== undefined && VONAGE_RECIPIENT_CODES[code]) return new RecipientError(`${message}: ${VONAGE_RECIPIENT_CODES[code]}`, init)
  if (badTo) return new RecipientError(`${message}: the recipient address is not valid here`, init)
  // Out of credit (402, or 403 with a balance code): this provider cannot send now, another
  // channel's provider may, so this is not an AuthError (which stops the send).
  if (res.status === 402 || (code !== undefined && BALANCE_CODES.has(code))) return new ProviderError(message, { ...init, retryable: false, failover: true })
  if (res.status === 401 || res.status === 403 || (code !== undefined && VONAGE_AUTH_CODES.has(code))) return new AuthError(message, init)
  if (res.status === 429 || (code !== undefined && THROTTLE_CODES.has(code)))
    return new RateLimitError(message, { ...init, ...withRetryAfter(retryAfter) })
  if (code !== undefined && NOT_SUBMITTED_CODES.has(code)) return new ProviderError(message, { ...init, retryable: true, ambiguous: false, ...withRetryAfter(retryAfter) })
  return new ProviderError(message, { ...init, ...statusDefaults(res.status, retryAfter) })
}
