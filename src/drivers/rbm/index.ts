/**
 * Google RCS Business Messaging (RBM API v1, `phones.agentMessages.create`).
 *
 * @module
 */
import { profiles } from '../../channels/profiles.js'
import { ValidationError, type ValidationIssue } from '../../errors.js'
import { pemSecrets } from '../../webhooks/crypto.js'
import { type DriverCapabilities, type DriverV1, defineDriver } from '../contract.js'
import { type FetchLike, type HttpContext, httpRequest, unreadableSuccess } from '../http.js'
import { GOOGLE_TOKEN_URL, type RbmCredentials, type RbmServiceAccountKey, rbmTokenSource, readServiceAccountKey } from './auth.js'
import { googleError, rbmError } from './errors.js'
import { rbmMessageId } from './message-id.js'
import { type RbmMessageTrafficType, type RbmProviderOptions, checkRbmSendOptions, readProviderOptions, toRbmAgentMessage } from './payload.js'
import { rbmWebhook } from './webhook.js'

export { GOOGLE_TOKEN_URL, RBM_SCOPE, type RbmServiceAccountKey } from './auth.js'
export { RBM_MESSAGE_ID_NAMESPACE, rbmMessageId } from './message-id.js'
export { RBM_TRAFFIC_TYPES, type RbmMessageTrafficType, type RbmProviderOptions } from './payload.js'
export { RBM_STATUS, parseRbmWebhook } from './webhook.js'

/** Defaults of {@link RbmDriverOptions}. */
export const RBM_DEFAULTS = {
  /** The RBM API origin. */
  baseUrl: 'https://rcsbusinessmessaging.googleapis.com',
  /** Where a service account's assertion is exchanged for an access token, unless its key file names another. */
  tokenUrl: GOOGLE_TOKEN_URL,
} as const

/** Options of {@link createRbmDriver}. Give exactly one of `accessToken`, `getAccessToken` or `serviceAccount`. */
export interface RbmDriverOptions {
  /**
   * The agent's id, as in the Business Communications Developer Console (agent → Agent information)
   * and in the `agentId` of webhook payloads, e.g. `'acme_rbm_agent'`.
   */
  agentId: string
  /**
   * A fixed OAuth 2.0 access token with the `rcsbusinessmessaging` scope. Access tokens expire
   * after an hour: for anything but a quick test use `getAccessToken` or `serviceAccount`.
   */
  accessToken?: string
  /**
   * Returns a current access token with the `rcsbusinessmessaging` scope; called before every send,
   * so it should cache (google-auth-library does).
   *
   * @example
   * ```ts
   * import { GoogleAuth } from 'google-auth-library'
   * const auth = new GoogleAuth({ keyFile: 'rbm-service-account.json', scopes: RBM_SCOPE })
   * createRbmDriver({ agentId, getAccessToken: async () => (await auth.getAccessToken()) ?? '' })
   * ```
   */
  getAccessToken?: () => Promise<string>
  /**
   * The service account's JSON key file (its text, or the parsed object): the driver signs an RS256
   * assertion with Web Crypto and exchanges it for an access token at Google's token endpoint,
   * caching the token until 5 minutes before it expires. Runs anywhere `crypto.subtle` does (Node,
   * Deno, Bun, edge workers) without google-auth-library.
   */
  serviceAccount?: RbmServiceAccountKey | string
  /**
   * Where to exchange the service account's assertion (a proxy or test server); the assertion's
   * audience stays the key file's `token_uri`.
   * @defaultValue the key file's `token_uri`, else `'https://oauth2.googleapis.com/token'`
   */
  tokenUrl?: string
  /**
   * The client token of your webhook configuration (Developer Console → agent → Integrations →
   * webhook). Verifies webhook signatures and answers the set-up request; without it the driver has
   * no `webhook`.
   */
  clientToken?: string
  /**
   * `messageTrafficType` of every message, unless a send overrides it (`providerOptions.rbm`).
   * Unset, RBM classifies the message itself.
   */
  messageTrafficType?: RbmMessageTrafficType
  /**
   * Seconds after which RBM revokes an undelivered message (`ttl`); the revocation arrives as an
   * `undelivered` status webhook. Unset, messages wait until the user is next online.
   */
  ttlSeconds?: number
  /** Largest webhook body read. @defaultValue 1 MiB */
  maxWebhookBytes?: number
  /** RBM API origin; point it at a proxy or a test server. @defaultValue `'https://rcsbusinessmessaging.googleapis.com'` */
  baseUrl?: string
  /** The `fetch` to send with (a proxy-aware one, a test double). @defaultValue the global `fetch` */
  fetch?: FetchLike
  /** The clock in ms, for service account tokens (assertion time, cache expiry); for tests. @defaultValue `Date.now` */
  now?: () => number
}

/**
 * What RBM shows natively: the built-in `rcs` profile as it stands, since its limits are this API's
 * (text 3072; one image, video, audio or PDF per message without a caption; up to 11 suggestions per
 * message — replies, URL and dial actions — with 25-character chips and 2048-character postbacks;
 * standalone rich cards with title 200, description 2000, an image or video and 4 suggestions;
 * carousels of 2–10 cards; no lists, locations or templates). `idempotency` is `'native'`: the
 * driver sends a `messageId` derived from the idempotency key and RBM refuses a repeat of it. No
 * `rateLimit`: RBM publishes no fixed send rate (quotas are per project in the Cloud console).
 *
 * @example
 * ```ts
 * // Preview what an RCS user will get, without sending:
 * const { messages, report } = render(msg, RBM_CAPABILITIES)
 * ```
 */
export const RBM_CAPABILITIES: Readonly<DriverCapabilities> = {
  ...profiles.rcs,
  // Suggestions belong to the message, whatever it carries: a file message can hold them too.
  media: profiles.rcs.media && { ...profiles.rcs.media, withButtons: true },
  idempotency: 'native',
}

const E164 = /^\+[1-9]\d{1,14}$/

/**
 * Creates a Google RCS Business Messaging driver.
 *
 * @throws {ValidationError} when `agentId` is missing, not exactly one of `accessToken`,
 * `getAccessToken` and `serviceAccount` is given, the service account key is malformed, or
 * `ttlSeconds`, `messageTrafficType`, `clientToken` or `tokenUrl` is invalid.
 * @example
 * ```ts
 * const rcs = createRbmDriver({
 *   agentId: 'acme_rbm_agent',
 *   serviceAccount: process.env.RBM_SERVICE_ACCOUNT_JSON!,
 *   clientToken: process.env.RBM_CLIENT_TOKEN,
 * })
 * const client = createClient({ channels: { rcs, sms }, failover: ['rcs', 'sms'] })
 * ```
 */
export function createRbmDriver(options: RbmDriverOptions): DriverV1 {
  const issues: ValidationIssue[] = []
  if (typeof options.agentId !== 'string' || !/^[^\s/?#&]+$/.test(options.agentId))
    issues.push({ path: ['agentId'], code: 'required', message: 'give the agent id from the Developer Console, e.g. acme_rbm_agent' })
  const given = (['accessToken', 'getAccessToken', 'serviceAccount'] as const).filter((k) => options[k] !== undefined)
  if (given.length !== 1)
    issues.push({ path: ['accessToken'], code: 'required', message: `give exactly one of accessToken, getAccessToken or serviceAccount${given.length ? ` (got ${given.join(', ')})` : ''}` })
  if (options.accessToken !== undefined && (typeof options.accessToken !== 'string' || options.accessToken.trim() === ''))
    issues.push({ path: ['accessToken'], code: 'required', message: 'must not be empty' })
  if (options.getAccessToken !== undefined && typeof options.getAccessToken !== 'function')
    issues.push({ path: ['getAccessToken'], code: 'invalid_type', message: 'must be a function returning a Promise of the token' })
  let serviceAccount: ReturnType<typeof readServiceAccountKey> | undefined
  if (options.serviceAccount !== undefined) {
    try {
      serviceAccount = readServiceAccountKey(options.serviceAccount)
    } catch (e) {
      if (ValidationError.isInstance(e)) issues.push(...e.issues)
      else throw e
    }
  }
  if (options.tokenUrl !== undefined && !/^https?:\/\/\S+$/.test(options.tokenUrl)) issues.push({ path: ['tokenUrl'], code: 'invalid_format', message: 'must be an http(s) URL' })
  if (options.clientToken !== undefined && (typeof options.clientToken !== 'string' || options.clientToken === ''))
    issues.push({ path: ['clientToken'], code: 'required', message: 'must not be empty' })
  const sendDefaults = checkRbmSendOptions({ ttlSeconds: options.ttlSeconds, messageTrafficType: options.messageTrafficType }, [])
  issues.push(...sendDefaults.issues)
  if (issues.length) throw new ValidationError(issues, { context: 'createRbmDriver()' })

  const secrets = [options.accessToken, options.clientToken, ...pemSecrets(serviceAccount?.private_key)].filter((s): s is string => Boolean(s))
  const ctx: HttpContext = { driver: 'rbm', secrets, ...(options.fetch ? { fetch: options.fetch } : {}) }
  const credentials: RbmCredentials = serviceAccount
    ? { kind: 'serviceAccount', key: serviceAccount, tokenUrl: options.tokenUrl ?? serviceAccount.token_uri ?? RBM_DEFAULTS.tokenUrl, now: options.now ?? Date.now }
    : options.getAccessToken
      ? { kind: 'function', getAccessToken: options.getAccessToken }
      : { kind: 'static', token: options.accessToken as string }
  const tokens = rbmTokenSource(credentials, ctx)
  const base = `${(options.baseUrl ?? RBM_DEFAULTS.baseUrl).replace(/\/$/, '')}/v1/phones/`

  return defineDriver({
    id: 'rbm',
    channel: 'rcs',
    capabilities: RBM_CAPABILITIES,
    usesCredentials: true,
    async doSend({ to, message, idempotencyKey, signal, providerOptions }) {
      if (!E164.test(to)) throw new ValidationError([{ path: ['to'], code: 'invalid_format', message: 'RBM sends to an E.164 phone number, e.g. +14155550100' }])
      const perSend: RbmProviderOptions = readProviderOptions(providerOptions?.rbm)
      const defaults: RbmProviderOptions = perSend.expireTime !== undefined ? { ...sendDefaults.options, ttlSeconds: undefined } : sendDefaults.options
      const json = toRbmAgentMessage(message, { ...defaults, ...perSend })
      const messageId = await rbmMessageId(idempotencyKey, to)
      const { token, secrets: tokenSecrets } = await tokens.get(signal)
      const reqCtx: HttpContext = { ...ctx, secrets: [...ctx.secrets, ...tokenSecrets] }
      const url = `${base}${to}/agentMessages?${new URLSearchParams({ messageId, agentId: options.agentId })}`
      const res = await httpRequest(reqCtx, { url, json, headers: { authorization: `Bearer ${token}` }, signal })
      // 409 ALREADY_EXISTS: RBM accepted this messageId before (an earlier attempt whose answer was
      // lost, or a send repeated with the same idempotency key), so it is not sent again.
      if (res.status === 409 && googleError(res)?.status === 'ALREADY_EXISTS') return { providerMessageIds: [messageId], status: 'accepted', raw: res.json }
      if (res.status < 200 || res.status >= 300) {
        if (res.status === 401) tokens.invalidate(token)
        throw rbmError(reqCtx, res)
      }
      const name = (res.json as { name?: unknown } | undefined)?.name
      if (typeof name !== 'string' || name === '') throw unreadableSuccess(reqCtx, res)
      return { providerMessageIds: [messageId], status: 'accepted', raw: res.json }
    },
    ...(options.clientToken
      ? {
          webhook: rbmWebhook({
            clientToken: options.clientToken,
            agentId: options.agentId,
            ...(options.maxWebhookBytes !== undefined ? { maxBodyBytes: options.maxWebhookBytes } : {}),
          }),
        }
      : {}),
  })
}
