// Access tokens for the RBM driver: a function that returns one, or a service account key from
// which the driver mints them (RS256 JWT, exchanged at Google's token endpoint). The token request
// and the JWT are validated against our schemas in rbm-extra.schema.json (the shared google-rbm
// bundle has none for them).
import { createVerify, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { GOOGLE_TOKEN_URL, RBM_SCOPE, createRbmDriver } from '../../src/drivers/rbm/index.js'
import { AnychannelError, AuthError, ConnectionError, ProviderError, RateLimitError, ValidationError } from '../../src/index.js'
import { extraValidator, validateRbmSend } from './support/rbm-contract.js'

const AGENT = 'acme_rbm_agent'
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
const KEY_FILE = {
  type: 'service_account',
  project_id: 'rbm-acme',
  private_key_id: 'c0ffee1234',
  private_key: privateKey,
  client_email: 'rbm-agent@rbm-acme.iam.gserviceaccount.com',
  client_id: '1234567890',
  token_uri: 'https://oauth2.googleapis.com/token',
}
const PEM_BODY = privateKey.replace(/-----[^-]+-----|\s/g, '')

const validateTokenRequest = extraValidator('TokenRequest')
const validateHeader = extraValidator('AssertionHeader')
const validateClaims = extraValidator('AssertionClaims')
const validateTokenResponse = extraValidator('TokenResponse')
const validateTokenError = extraValidator('TokenErrorResponse')

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network'
interface Seen {
  url: URL
  headers: Headers
  text: string
}
/** A fake Google: the token endpoint and RBM answer from their own lists. */
function google(tokenAnswers: Answer[], rbmAnswers: Answer[] = [{ status: 200, body: { name: 'phones/+14155550100/agentMessages/x', contentMessage: { text: 'hi' } } }]) {
  const token: Seen[] = []
  const rbm: Seen[] = []
  let gate: Promise<void> = Promise.resolve()
  const fetch = async (input: Request | URL | string, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init)
    const seen = { url: new URL(req.url), headers: req.headers, text: await req.text() }
    const isToken = seen.url.pathname.endsWith('/token')
    const list = isToken ? token : rbm
    list.push(seen)
    if (isToken) await gate
    const answers = isToken ? tokenAnswers : rbmAnswers
    const a = answers[list.length - 1] ?? answers.at(-1)
    if (a === 'network' || a === undefined) throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json', ...a.headers } })
  }
  return {
    token,
    rbm,
    fetch,
    hold() {
      let release = () => undefined as void
      gate = new Promise<void>((r) => {
        release = r
      })
      return () => release()
    },
  }
}
const granted = (access_token: string, expires_in = 3599) => ({ status: 200, body: { access_token, expires_in, token_type: 'Bearer' } })

function decodeJwt(jwt: string) {
  const [h, p, s] = jwt.split('.') as [string, string, string]
  const json = (x: string) => JSON.parse(Buffer.from(x, 'base64url').toString('utf8')) as Record<string, unknown>
  return { header: json(h), claims: json(p), input: `${h}.${p}`, signature: Buffer.from(s, 'base64url') }
}

const send = (d: ReturnType<typeof createRbmDriver>, signal = new AbortController().signal) => d.doSend({ to: '+14155550100', message: { text: 'hi' }, idempotencyKey: 'k', signal })

function allText(err: unknown): string {
  const parts: string[] = []
  for (let cur: unknown = err, i = 0; cur && i < 6; i++, cur = (cur as { cause?: unknown }).cause) {
    if (cur instanceof Error) parts.push(cur.message, cur.stack ?? '')
    if (AnychannelError.isInstance(cur)) parts.push(JSON.stringify(cur.toJSON()))
  }
  return parts.join('\n')
}

describe('rbm service account tokens', () => {
  const T0 = Date.UTC(2025, 0, 15, 16, 0, 0)

  it('signs an RS256 assertion for the rcsbusinessmessaging scope and exchanges it for the token it sends', async () => {
    const g = google([granted('ya29.minted_1')])
    const d = createRbmDriver({ agentId: AGENT, serviceAccount: KEY_FILE, fetch: g.fetch, now: () => T0 })
    await send(d)
    expect(g.token).toHaveLength(1)
    const t = g.token[0] as Seen
    expect(t.url.href).toBe(GOOGLE_TOKEN_URL)
    expect(t.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/)
    const form = Object.fromEntries(new URLSearchParams(t.text))
    expect(validateTokenRequest(form)).toEqual([])
    const jwt = decodeJwt(form.assertion as string)
    expect(validateHeader(jwt.header)).toEqual([])
    expect(validateClaims(jwt.claims)).toEqual([])
    expect(jwt.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'c0ffee1234' })
    expect(jwt.claims).toEqual({ iss: KEY_FILE.client_email, scope: RBM_SCOPE, aud: GOOGLE_TOKEN_URL, iat: T0 / 1000, exp: T0 / 1000 + 3600 })
    expect(createVerify('RSA-SHA256').update(jwt.input).verify(publicKey, jwt.signature)).toBe(true)
    expect(validateTokenResponse(granted('x').body)).toEqual([])
    expect(g.rbm).toHaveLength(1)
    const r = g.rbm[0] as Seen
    expect(validateRbmSend({ method: 'POST', url: r.url, headers: r.headers, body: JSON.parse(r.text) }, AGENT, 'ya29.minted_1')).toEqual([])
  })

  it('accepts the key file as JSON text with escaped line breaks, and a key without kid or token_uri', async () => {
    const { private_key_id: _, token_uri: __, ...bare } = KEY_FILE
    const g = google([granted('ya29.minted_2')])
    await send(createRbmDriver({ agentId: AGENT, serviceAccount: JSON.stringify({ ...bare, private_key: privateKey.replace(/\n/g, '\\n') }), fetch: g.fetch }))
    const jwt = decodeJwt(new URLSearchParams(g.token[0]?.text).get('assertion') as string)
    expect(jwt.header).toEqual({ alg: 'RS256', typ: 'JWT' })
    expect(g.token[0]?.url.href).toBe(GOOGLE_TOKEN_URL)
    expect(g.rbm[0]?.headers.get('authorization')).toBe('Bearer ya29.minted_2')
  })

  it('sends the exchange to tokenUrl (a proxy) while the audience stays the key file token_uri', async () => {
    const g = google([granted('ya29.proxied')])
    await send(createRbmDriver({ agentId: AGENT, serviceAccount: KEY_FILE, tokenUrl: 'https://egress.example/google/token', fetch: g.fetch }))
    expect(g.token[0]?.url.href).toBe('https://egress.example/google/token')
    expect(decodeJwt(new URLSearchParams(g.token[0]?.text).get('assertion') as string).claims.aud).toBe(GOOGLE_TOKEN_URL)
  })

  it('reuses the token until 5 minutes before it expires, then mints a new one', async () => {
    let now = T0
    const g = google([granted('ya29.first', 3600), granted('ya29.second', 3600)])
    const d = createRbmDriver({ agentId: AGENT, serviceAccount: KEY_FILE, fetch: g.fetch, now: () => now })
    await send(d)
    now += 54 * 60 * 1000
    await send(d)
    expect(g.token).toHaveLength(1)
    now += 2 * 60 * 1000
    await send(d)
    expect(g.token).toHaveLength(2)
    expect(g.rbm.map((r) => r.headers.get('authorization'))).toEqual(['Bearer ya29.first', 'Bearer ya29.first', 'Bearer ya29.second'])
  })

  it('shares one token request between concurrent sends, and one caller’s abort does not cancel it for the others', async () => {
    const g = google([granted('ya29.shared')])
    const d = createRbmDriver({ agentId: AGENT, serviceAccount: KEY_FILE, fetch: g.fetch })
    const release = g.hold()
    const aborted = new AbortController()
    const first = send(d, aborted.signal).catch((e: unknown) => e)
    const others = [send(d), send(d)]
    await new Promise((r) => setTimeout(r, 20))
    aborted.abort(new DOMException('stop', 'AbortError'))
    expect(((await first) as Error).name).toBe('AbortError')
    release()
    await Promise.all(others)
    expect(g.token).toHaveLength(1)
    expect(g.rbm.map((r) => r.headers.get('authorization'))).toEqual(['Bearer ya29.shared', 'Bearer ya29.shared'])
  })

  it('mints a new token after RBM answers 401 to the cached one', async () => {
    const g = google([granted('ya29.revoked'), granted('ya29.fresh')], [{ status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } } }, { status: 200, body: { name: 'phones/+14155550100/agentMessages/x' } }])
    const d = createRbmDriver({ agentId: AGENT, serviceAccount: KEY_FILE, fetch: g.fetch })
    await expect(send(d)).rejects.toThrow(AuthError)
    await send(d)
    expect(g.token).toHaveLength(2)
    expect(g.rbm.map((r) => r.headers.get('authorization'))).toEqual(['Bearer ya29.revoked', 'Bearer ya29.fresh'])
  })

  // What the token endpoint answers → what the send rejects with; RBM is never called.
  const failures: Array<[string, Answer, (e: unknown) => void]> = [
    [
      '400 invalid_grant (bad signature, clock skew, deleted key)',
      { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } },
      (e) => {
        expect(AuthError.isInstance(e)).toBe(true)
        expect(e).toMatchObject({ status: 400, providerCode: 'invalid_grant', retryable: false })
        expect((e as Error).message).toBe('rbm: the token endpoint refused the service account (HTTP 400 invalid_grant: Invalid JWT Signature.); the message was not sent')
      },
    ],
    ['401 invalid_client', { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } }, (e) => expect(AuthError.isInstance(e)).toBe(true)],
    ['429 with Retry-After', { status: 429, body: { error: 'rate_limit_exceeded' }, headers: { 'retry-after': '2' } }, (e) => expect(RateLimitError.isInstance(e) && e.retryAfterMs === 2000).toBe(true)],
    ['503', { status: 503 }, (e) => expect(e).toMatchObject({ code: 'PROVIDER_ERROR', retryable: true, ambiguous: false })],
    ['200 without a token', { status: 200, body: { token_type: 'Bearer' } }, (e) => expect(e).toMatchObject({ code: 'PROVIDER_ERROR', retryable: true, ambiguous: false })],
    [
      'a network failure',
      'network',
      (e) => {
        expect(ConnectionError.isInstance(e)).toBe(true)
        expect(e).toMatchObject({ beforeSend: true, retryable: true })
        expect((e as Error).message).toMatch(/could not get an access token .*the message was not sent/)
      },
    ],
  ]
  for (const [name, answer, check] of failures) {
    it(`token endpoint ${name}: the send fails before RBM, with no key, assertion or token in the error`, async () => {
      if (answer !== 'network' && typeof (answer.body as { error?: unknown } | undefined)?.error === 'string' && answer.status === 400) expect(validateTokenError(answer.body)).toEqual([])
      const g = google([answer])
      const err = await send(createRbmDriver({ agentId: AGENT, serviceAccount: KEY_FILE, fetch: g.fetch })).catch((e: unknown) => e)
      check(err)
      expect(g.rbm).toHaveLength(0)
      const assertion = new URLSearchParams(g.token[0]?.text).get('assertion') as string
      const text = allText(err)
      for (const secret of [assertion, assertion.split('.')[2] as string, PEM_BODY.slice(0, 64), KEY_FILE.private_key]) expect(text).not.toContain(secret)
    })
  }

  it('never puts the minted token or the key in an RBM error, even when echoed', async () => {
    const g = google([granted('ya29.echoed_token')], [{ status: 403, body: { error: { code: 403, message: 'Token ya29.echoed_token lacks permission', status: 'PERMISSION_DENIED' } } }])
    const err = await send(createRbmDriver({ agentId: AGENT, serviceAccount: KEY_FILE, fetch: g.fetch })).catch((e: unknown) => e)
    expect(AuthError.isInstance(err)).toBe(true)
    expect(allText(err)).not.toContain('ya29.echoed_token')
  })

  it('refuses a key that is not a PKCS#8 PEM when created, and one Web Crypto cannot import when sending', async () => {
    expect(() => createRbmDriver({ agentId: AGENT, serviceAccount: { ...KEY_FILE, private_key: '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----' } })).toThrow(
      /serviceAccount\.private_key: expected the PKCS#8 PEM/,
    )
    expect(() => createRbmDriver({ agentId: AGENT, serviceAccount: { ...KEY_FILE, token_uri: 'oauth2' } })).toThrow(/token_uri/)
    const g = google([granted('never')])
    const d = createRbmDriver({ agentId: AGENT, serviceAccount: { ...KEY_FILE, private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' }, fetch: g.fetch })
    await expect(send(d)).rejects.toThrow(/Web Crypto could not import it as an RSA private key/)
    expect(g.token).toHaveLength(0)
  })
})

describe('rbm getAccessToken', () => {
  it('asks for a token before every send and sends it', async () => {
    const g = google([], [{ status: 200, body: { name: 'phones/+14155550100/agentMessages/x' } }])
    let n = 0
    const d = createRbmDriver({ agentId: AGENT, getAccessToken: async () => `ya29.fn_${++n}`, fetch: g.fetch })
    await send(d)
    await send(d)
    expect(g.rbm.map((r) => r.headers.get('authorization'))).toEqual(['Bearer ya29.fn_1', 'Bearer ya29.fn_2'])
  })

  it('a failing getAccessToken fails the send before RBM, retryable (nothing was sent), without the token', async () => {
    const g = google([])
    const err = await send(createRbmDriver({ agentId: AGENT, getAccessToken: () => Promise.reject(new Error('metadata server unreachable')), fetch: g.fetch })).catch((e: unknown) => e)
    expect(ProviderError.isInstance(err)).toBe(true)
    expect(err).toMatchObject({ code: 'PROVIDER_ERROR', retryable: true, message: 'rbm: getAccessToken() failed: metadata server unreachable; the message was not sent' })
    const empty = await send(createRbmDriver({ agentId: AGENT, getAccessToken: async () => '', fetch: g.fetch })).catch((e: unknown) => e)
    expect(AuthError.isInstance(empty)).toBe(true)
    const own = new ValidationError([{ path: ['x'], code: 'required', message: 'mine' }])
    expect(await send(createRbmDriver({ agentId: AGENT, getAccessToken: () => Promise.reject(own), fetch: g.fetch })).catch((e: unknown) => e)).toBe(own)
    expect(g.rbm).toHaveLength(0)
  })

  it('an RBM error never carries the token the function returned', async () => {
    const g = google([], [{ status: 401, body: { error: { code: 401, message: 'bad token ya29.from_fn_secret', status: 'UNAUTHENTICATED' } } }])
    const err = await send(createRbmDriver({ agentId: AGENT, getAccessToken: async () => 'ya29.from_fn_secret', fetch: g.fetch })).catch((e: unknown) => e)
    expect(allText(err)).not.toContain('ya29.from_fn_secret')
  })

  it('honours an abort while waiting for the token', async () => {
    const ac = new AbortController()
    const d = createRbmDriver({ agentId: AGENT, getAccessToken: () => new Promise<string>(() => undefined) })
    const p = send(d, ac.signal).catch((e: unknown) => e)
    ac.abort(new DOMException('stop', 'AbortError'))
    expect(((await p) as Error).name).toBe('AbortError')
  })
})
