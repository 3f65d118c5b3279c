import { type AnychannelError, AuthError, ProviderError, RateLimitError, RecipientError, ValidationError, type ValidationIssue } from '../../errors.js'
import { type HttpContext, type HttpResponse, errorInit, redact, retryAfterMs, statusDefaults, withRetryAfter } from '../http.js'

/** What {@link LineRequestError} carries besides its issues. */
export interface LineRequestErrorInit {
  /** Driver id: `'line'`. */
  driver: string
  /** The HTTP status LINE answered with (400, 404, 413, 415 …). */
  status: number
  /** LINE's `x-line-request-id` for the refused request. */
  requestId?: string
}

/**
 * LINE refused the push request as it stands: HTTP 400 for anything but the recipient, 404, 413,
 * 415 or another 4xx that is not about credentials or throttling. LINE's retry guide says of these
 * "trying again does not change the results", and the driver sends a retry key, which makes the
 * client retry any other failure; so this is a {@link ValidationError} (`code: 'VALIDATION_ERROR'`):
 * the client neither retries it nor, by default, fails over. `issues` are LINE's `details[]`, each
 * with the offending property as its path (`messages[0].text` → `['messages', 0, 'text']`).
 *
 * @example
 * ```ts
 * catch (e) {
 *   if (ValidationError.isInstance(e) && e instanceof LineRequestError) console.error(e.status, e.requestId, e.issues)
 * }
 * ```
 */
export class LineRequestError extends ValidationError {
  /** Driver id: `'line'`. */
  readonly driver: string
  /** The HTTP status LINE answered with. */
  readonly status: number
  /** LINE's `x-line-request-id`, for LINE support. */
  readonly requestId: string | undefined
  /** Always `false`: the same request fails the same way. */
  readonly retryable = false

  constructor(issues: readonly ValidationIssue[], context: string, init: LineRequestErrorInit) {
    super(issues, { context })
    this.driver = init.driver
    this.status = init.status
    this.requestId = init.requestId
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), driver: this.driver, status: this.status, requestId: this.requestId, retryable: this.retryable }
  }
}

interface LineErrorBody {
  message?: unknown
  details?: unknown
}

/** `messages[0].template.actions[1]` → `['messages', 0, 'template', 'actions', 1]`. */
function propertyPath(property: string): Array<string | number> {
  const out: Array<string | number> = []
  for (const m of property.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string))
  return out
}

// "The property, 'to', in the request body is invalid" (400) means the ID is malformed; "Failed
// to send messages" (400) is what LINE answers for a user ID that does not exist (Messaging API
// reference, error responses; FAQ "Do I get an error when I send a message with a user ID that
// doesn't exist?"). Either way this recipient cannot be reached on LINE: fail over.
const RECIPIENT_MESSAGE = /property,\s*'?to'?,|failed to send messages/i
// Same 429 as the rate limit, different message: the month's message quota of the LINE Official
// Account is used up. Nothing goes out until the plan is upgraded or the month turns, so a retry
// cannot help; another channel can ("limit for additional messages" is the older wording).
const QUOTA_MESSAGE = /monthly limit|limit for additional messages/i

/**
 * Maps a LINE error response (`{ message, details?: [{ message, property }] }`) to an anychannel
 * error. A 409 (retry key already accepted) never comes here: the driver treats it as success.
 */
export function lineError(ctx: HttpContext, res: HttpResponse): AnychannelError {
  const body: LineErrorBody = typeof res.json === 'object' && res.json !== null ? (res.json as LineErrorBody) : {}
  const text = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`
  const details = (Array.isArray(body.details) ? body.details : []).flatMap((d: unknown) => {
    const o = typeof d === 'object' && d !== null ? (d as { message?: unknown; property?: unknown }) : {}
    return typeof o.message === 'string' || typeof o.property === 'string'
      ? [{ message: typeof o.message === 'string' ? o.message : 'invalid', property: typeof o.property === 'string' ? o.property : '' }]
      : []
  })
  const requestId = res.headers.get('x-line-request-id') ?? undefined
  const init = errorInit(ctx, res, undefined, requestId)
  const detail = details.map((d) => (d.property ? `${d.property}: ${d.message}` : d.message)).join('; ')
  const message = redact(`line: ${text}${detail ? ` (${detail})` : ''}`, ctx.secrets)
  const retryAfter = retryAfterMs(res.headers)

  if (res.status === 401 || res.status === 403) return new AuthError(message, init)
  if (res.status === 429) {
    if (QUOTA_MESSAGE.test(text))
      return new RecipientError(`${message}: the monthly message quota of this LINE Official Account is used up; no push goes out until it resets or the plan changes`, init)
    // LINE documents no Retry-After; one added by a proxy is honoured.
    return new RateLimitError(message, { ...init, ...withRetryAfter(retryAfter) })
  }
  if (res.status === 400 && (RECIPIENT_MESSAGE.test(text) || details.some((d) => d.property === 'to')))
    return new RecipientError(`${message}: not a LINE user, group or room this account can reach`, init)
  if (res.status >= 400 && res.status < 500) {
    const issues: ValidationIssue[] = details.length
      ? details.map((d) => ({ path: d.property ? propertyPath(d.property) : [], code: 'rejected', message: redact(d.message, ctx.secrets) }))
      : [{ path: [], code: 'rejected', message: redact(text, ctx.secrets) }]
    return new LineRequestError(issues, redact(`line: HTTP ${res.status} ${details.length ? text : 'request refused'}${requestId ? ` (request ${requestId})` : ''}`, ctx.secrets), init)
  }
  return new ProviderError(message, { ...init, ...statusDefaults(res.status, retryAfter) })
}
