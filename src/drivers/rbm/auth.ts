/**
 * OAuth 2.0 access tokens for RBM. A static token, a function that returns one (google-auth-library,
 * a secret manager …), or a service account key from which the driver mints tokens itself with Web
 * Crypto: an RS256-signed JWT exchanged at Google's token endpoint
 * (https://developers.google.com/identity/protocols/oauth2/service-account#httprest).
 *
 * @module
 */
import { AnychannelError, AuthError, ConnectionError, ProviderError, RateLimitError, ValidationError, type ValidationIssue, abortError } from '../../errors.js'
import { fromBase64, importRs256Key, signJwtRs256 } from '../../webhooks/crypto.js'
import { type HttpContext, errorInit, httpRequest, redact, retryAfterMs, withRetryAfter } from '../http.js'

/** The OAuth scope RBM calls need. */
export const RBM_SCOPE = 'https://www.googleapis.com/auth/rcsbusinessmessaging'

/** Google's OAuth 2.0 token endpoint, the `aud` of every service account assertion. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token'

/** Lifetime asked for a minted token's assertion: Google's maximum, one hour. */
const ASSERTION_TTL_SECONDS = 3600
/** A cached token is replaced this long before it expires (google-auth-library's default too). */
const REFRESH_MARGIN_MS = 5 * 60 * 1000
/** The token request gets this long; it is shared by every send waiting for the token. */
const TOKEN_TIMEOUT_MS = 30_000

/**
 * The fields of a service account key file (Google Cloud console → IAM → Service accounts → Keys →
 * Add key → JSON) that the driver uses. The file may be passed whole: other fields are ignored.
 */
export interface RbmServiceAccountKey {
  /** The service account's e-mail, e.g. `rbm-agent@my-project.iam.gserviceaccount.com`. */
  client_email: string
  /** The PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`), real or `\n`-escaped line breaks. */
  private_key: string
  /** Sent as the JWT `kid` header when present. */
  private_key_id?: string
  /**
   * The token endpoint named in the key file.
   * @defaultValue `'https://oauth2.googleapis.com/token'`
   */
  token_uri?: string
}

/** How the driver obtains tokens: one of the three forms. */
export type RbmCredentials =
  | { kind: 'static'; token: string }
  | { kind: 'function'; getAccessToken: () => Promise<string> }
  | { kind: 'serviceAccount'; key: ParsedServiceAccountKey; tokenUrl: string; now: () => number }

/** A service account key checked by {@link readServiceAccountKey}, with its private key as PKCS#8 DER. */
export type ParsedServiceAccountKey = RbmServiceAccountKey & { der: Uint8Array }

/** A token for one request, and what must never appear in an error because of it. */
export interface IssuedToken {
  token: string
  /** The token itself and, for minted tokens, the assertion it was exchanged for. */
  secrets: string[]
}

const PEM_RE = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/

/**
 * Reads a service account key (the parsed JSON key file, or its text).
 *
 * @throws {ValidationError} when it is not JSON, lacks `client_email` or `private_key`, or the key is
 * not a PKCS#8 PEM. Messages never repeat the key.
 */
export function readServiceAccountKey(value: RbmServiceAccountKey | string, path: string[] = ['serviceAccount']): ParsedServiceAccountKey {
  let key: unknown = value
  if (typeof value === 'string') {
    try {
      key = JSON.parse(value)
    } catch {
      throw new ValidationError([{ path, code: 'invalid_format', message: 'must be the JSON key file of a service account (or its parsed object)' }], { context: 'createRbmDriver()' })
    }
  }
  const k = (typeof key === 'object' && key !== null ? key : {}) as Partial<RbmServiceAccountKey>
  const issues: ValidationIssue[] = []
  if (typeof k.client_email !== 'string' || !k.client_email.includes('@')) issues.push({ path: [...path, 'client_email'], code: 'required', message: 'the service account e-mail is missing' })
  const m = typeof k.private_key === 'string' ? PEM_RE.exec(k.private_key.replace(/\\n/g, '\n')) : null
  let der: Uint8Array | undefined
  if (m) {
    try {
      der = fromBase64((m[1] as string).replace(/\s+/g, ''))
    } catch {
      der = undefined
    }
  }
  if (!der) issues.push({ path: [...path, 'private_key'], code: 'invalid_format', message: 'expected the PKCS#8 PEM private key of the key file ("-----BEGIN PRIVATE KEY-----")' })
  if (k.token_uri !== undefined && (typeof k.token_uri !== 'string' || !/^https?:\/\//.test(k.token_uri)))
    issues.push({ path: [...path, 'token_uri'], code: 'invalid_format', message: 'must be an http(s) URL' })
  if (issues.length || !der) throw new ValidationError(issues, { context: 'createRbmDriver()' })
  return {
    client_email: k.client_email as string,
    private_key: k.private_key as string,
    ...(typeof k.private_key_id === 'string' ? { private_key_id: k.private_key_id } : {}),
    ...(k.token_uri ? { token_uri: k.token_uri } : {}),
    der,
  }
}

/**
 * Signs the JWT a service account exchanges for an access token: `{ iss, scope, aud, iat, exp }`,
 * RS256.
 */
function serviceAccountAssertion(key: CryptoKey, sa: RbmServiceAccountKey, nowMs: number): Promise<string> {
  const iat = Math.floor(nowMs / 1000)
  const claims = { iss: sa.client_email, scope: RBM_SCOPE, aud: sa.token_uri ?? GOOGLE_TOKEN_URL, iat, exp: iat + ASSERTION_TTL_SECONDS }
  return signJwtRs256(key, claims, sa.private_key_id ? { kid: sa.private_key_id } : {})
}

function withAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal.reason))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal.reason))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      },
    )
  })
}

/** Hands out bearer tokens for RBM requests, minting and caching them for a service account. */
export interface RbmTokenSource {
  /** A token for one request. Rejects with an anychannel error; the message is never sent then. */
  get(signal: AbortSignal): Promise<IssuedToken>
  /** Forgets a cached minted token that RBM refused (HTTP 401), so the next send mints a new one. */
  invalidate(token: string): void
}

/** Creates the token source for one driver. `ctx` carries the driver's fetch and static secrets. */
export function rbmTokenSource(credentials: RbmCredentials, ctx: HttpContext): RbmTokenSource {
  if (credentials.kind === 'static') {
    const issued = { token: credentials.token, secrets: [credentials.token] }
    return { get: async () => issued, invalidate: () => undefined }
  }
  if (credentials.kind === 'function') {
    const { getAccessToken } = credentials
    return {
      async get(signal) {
        let token: unknown
        try {
          token = await withAbort(Promise.resolve().then(getAccessToken), signal)
        } catch (err) {
          if (signal.aborted || AnychannelError.isInstance(err)) throw err
          // Nothing went to RBM, so a retry cannot duplicate; the cause may hold anything, so only
          // its redacted message is kept.
          const reason = redact(err instanceof Error ? err.message : String(err), ctx.secrets)
          throw new ProviderError(`rbm: getAccessToken() failed: ${reason}; the message was not sent`, { driver: ctx.driver, retryable: true })
        }
        if (typeof token !== 'string' || token.trim() === '')
          throw new AuthError('rbm: getAccessToken() returned no token; the message was not sent', { driver: ctx.driver })
        return { token, secrets: [token] }
      },
      invalidate: () => undefined,
    }
  }

  const { key: sa, tokenUrl, now } = credentials
  const { der } = sa
  let cryptoKey: Promise<CryptoKey> | undefined
  let cached: { issued: IssuedToken; expiresAt: number } | undefined
  let pending: Promise<{ issued: IssuedToken; expiresAt: number }> | undefined

  async function importKey(): Promise<CryptoKey> {
    try {
      return await importRs256Key(der)
    } catch {
      throw new ValidationError([{ path: ['serviceAccount', 'private_key'], code: 'invalid_format', message: 'Web Crypto could not import it as an RSA private key' }], {
        context: 'createRbmDriver()',
      })
    }
  }

  async function mint(): Promise<{ issued: IssuedToken; expiresAt: number }> {
    cryptoKey ??= importKey()
    const key = await cryptoKey.catch((e: unknown) => {
      cryptoKey = undefined
      throw e
    })
    const assertion = await serviceAccountAssertion(key, sa, now())
    const reqCtx: HttpContext = { ...ctx, secrets: [...ctx.secrets, assertion] }
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion })
    // Shared by every send waiting for this token, so no one caller's abort may cancel it.
    const signal = AbortSignal.timeout(TOKEN_TIMEOUT_MS)
    let res
    try {
      res = await httpRequest(reqCtx, { url: tokenUrl, form, signal })
    } catch (err) {
      if (AnychannelError.isInstance(err) && !ConnectionError.isInstance(err)) throw err
      const why = signal.aborted ? `no answer within ${TOKEN_TIMEOUT_MS / 1000} s` : redact(err instanceof Error ? err.message : String(err), reqCtx.secrets)
      // The token request failed, not the send: the message cannot have left.
      throw new ConnectionError(`rbm: could not get an access token (${why}); the message was not sent`, {
        driver: ctx.driver,
        beforeSend: true,
        ...(ConnectionError.isInstance(err) ? { cause: err } : {}),
      })
    }
    const body = (res.json ?? {}) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown }
    if (res.status >= 200 && res.status < 300 && typeof body.access_token === 'string' && body.access_token) {
      const ttl = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : ASSERTION_TTL_SECONDS
      return { issued: { token: body.access_token, secrets: [body.access_token, assertion] }, expiresAt: now() + ttl * 1000 }
    }
    const code = typeof body.error === 'string' ? body.error : undefined
    const described = typeof body.error_description === 'string' ? `: ${body.error_description}` : ''
    const message = redact(`rbm: the token endpoint refused the service account (HTTP ${res.status}${code ? ` ${code}` : ''}${described}); the message was not sent`, reqCtx.secrets)
    const init = errorInit(ctx, res, code || undefined)
    const delay = retryAfterMs(res.headers)
    // RFC 6749 §5.2: invalid_grant (bad signature, clock skew, deleted key), invalid_client,
    // unauthorized_client, invalid_scope — the credentials, not the moment.
    if (res.status === 400 || res.status === 401 || res.status === 403) throw new AuthError(message, init)
    if (res.status === 429) throw new RateLimitError(message, { ...init, ...withRetryAfter(delay) })
    // A 5xx, or a 2xx without a token: nothing was sent to RBM, so a retry is safe.
    throw new ProviderError(message, { ...init, retryable: true, ...withRetryAfter(delay) })
  }

  return {
    async get(signal) {
      if (cached && now() < cached.expiresAt - REFRESH_MARGIN_MS) return cached.issued
      // Concurrent sends share one token request.
      pending ??= mint()
        .then((minted) => {
          cached = minted
          return minted
        })
        .finally(() => {
          pending = undefined
        })
      return (await withAbort(pending, signal)).issued
    },
    invalidate(token) {
      if (cached?.issued.token === token) cached = undefined
    },
  }
}
