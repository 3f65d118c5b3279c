import { type AnychannelError, AuthError, ProviderError, RateLimitError, RecipientError } from '../../errors.js'
import { type HttpContext, type HttpResponse, errorInit, redact, retryAfterMs, statusDefaults, withRetryAfter } from '../http.js'

// Bot API error descriptions (https://core.telegram.org/bots/api#making-requests gives the shape;
// the texts are the server's) that mean "this chat cannot be reached by this bot": another channel
// may work, so the client fails over.
const RECIPIENT_DESCRIPTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/bot was blocked by the user/i, 'the user blocked the bot'],
  [/user is deactivated/i, 'the user deleted their account'],
  [/bot was kicked/i, 'the bot was removed from the chat'],
  [/bot is not a member/i, 'the bot is not a member of the chat'],
  [/bot can't initiate conversation/i, 'the user has not started a chat with the bot'],
  [/bot can't send messages to bots/i, 'the recipient is a bot'],
  [/chat not found/i, 'no such chat, or the bot cannot see it'],
  [/PEER_ID_INVALID/, 'no such chat, or the bot cannot see it'],
  [/user not found/i, 'no such user'],
  [/not enough rights to send|have no rights to send|CHAT_WRITE_FORBIDDEN|CHAT_RESTRICTED/i, 'the bot may not post in this chat'],
]

/** The Bot API's failure reply: `{ ok: false, error_code, description, parameters? }`. */
interface TelegramFailure {
  ok?: unknown
  error_code?: unknown
  description?: unknown
  parameters?: { retry_after?: unknown; migrate_to_chat_id?: unknown }
}

/**
 * Maps a Bot API failure to an anychannel error:
 * - 401 → `AuthError` (the bot token was refused)
 * - 403 (blocked, kicked, deactivated, cannot initiate) and 400 "chat not found" / `PEER_ID_INVALID`
 *   and the like → `RecipientError` (fail over)
 * - 400 with `parameters.migrate_to_chat_id` → `RecipientError` naming the new chat id
 * - 429 → `RateLimitError` with `retryAfterMs` from `parameters.retry_after` (seconds), else from
 *   a `Retry-After` header
 * - anything else → `ProviderError` (502/504 ambiguous, 503 with Retry-After retryable)
 *
 * Messages pass through `redact()`, so the bot token (it is in the URL path) never shows.
 */
export function telegramError(ctx: HttpContext, res: HttpResponse): AnychannelError {
  const body = (res.json && typeof res.json === 'object' ? res.json : {}) as TelegramFailure
  const code = typeof body.error_code === 'number' ? body.error_code : undefined
  const description = typeof body.description === 'string' ? body.description : `HTTP ${res.status}`
  const params = body.parameters && typeof body.parameters === 'object' ? body.parameters : {}
  const retryAfterParam = typeof params.retry_after === 'number' && params.retry_after >= 0 ? params.retry_after * 1000 : undefined
  const retryAfter = retryAfterParam ?? retryAfterMs(res.headers)
  const migrateTo = typeof params.migrate_to_chat_id === 'number' ? params.migrate_to_chat_id : undefined
  const init = errorInit(ctx, res, code)
  const message = (text: string) => redact(`telegram: ${text}`, ctx.secrets)

  if (res.status === 401 || code === 401) return new AuthError(message(`${description} (check botToken)`), init)
  if (migrateTo !== undefined)
    return new RecipientError(
      message(`${description}: the group is now the supergroup ${migrateTo}; send to chat id ${migrateTo} and update the stored address`),
      init,
    )
  const known = RECIPIENT_DESCRIPTIONS.find(([re]) => re.test(description))
  if (known) return new RecipientError(message(`${description}: ${known[1]}`), init)
  // 403 from the Bot API is always about the chat (the token itself is refused with 401).
  if (res.status === 403 || code === 403) return new RecipientError(message(description), init)
  if (res.status === 429 || code === 429)
    return new RateLimitError(message(description), { ...init, ...withRetryAfter(retryAfter) })
  return new ProviderError(message(description), { ...init, ...statusDefaults(res.status, retryAfter) })
}
