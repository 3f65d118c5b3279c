import { type AnychannelError, AuthError, ProviderError, RateLimitError, RecipientError } from '../../errors.js'
import { type HttpContext, type HttpResponse, errorInit, redact, retryAfterMs, statusDefaults, withRetryAfter } from '../http.js'

// Twilio error codes (https://www.twilio.com/docs/api/errors) that mean "this recipient cannot be
// reached on this channel": another channel may work, so the client fails over.
const RECIPIENT_CODES: Readonly<Record<number, string>> = {
  21211: 'invalid To number',
  21214: 'To number cannot be reached',
  21408: 'no permission to send to this region',
  21610: 'recipient replied STOP (unsubscribed)',
  21612: 'no route to this number from the sender',
  21614: 'To is not a mobile number',
  63003: 'channel could not find the To address',
  63016: 'outside the WhatsApp 24-hour window: a template is needed',
  63024: 'invalid message recipient',
}

const AUTH_CODES = new Set([20003, 20005, 20008])

/** Maps a Twilio error response (`{ code, message, more_info, status }`) to an anychannel error. */
export function twilioError(ctx: HttpContext, res: HttpResponse): AnychannelError {
  const body = (res.json ?? {}) as { code?: unknown; message?: unknown }
  const code = typeof body.code === 'number' ? body.code : undefined
  const text = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`
  const retryAfter = retryAfterMs(res.headers)
  const init = errorInit(ctx, res, code, res.headers.get('twilio-request-id') ?? undefined)
  const message = redact(`twilio: ${text}${code !== undefined ? ` (${code})` : ''}`, ctx.secrets)
  if (code !== undefined && RECIPIENT_CODES[code]) return new RecipientError(`${message}: ${RECIPIENT_CODES[code]}`, init)
  if (res.status === 401 || res.status === 403 || (code !== undefined && AUTH_CODES.has(code))) return new AuthError(message, init)
  // 20429: too many concurrent requests; Twilio did not process it, so a retry is safe.
  if (res.status === 429 || code === 20429) return new RateLimitError(message, { ...init, ...withRetryAfter(retryAfter) })
  return new ProviderError(message, { ...init, ...statusDefaults(res.status, retryAfter) })
}
