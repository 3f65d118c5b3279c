/**
 * JSON Web Tokens for Vonage, on Web Crypto only: RS256 tokens that authenticate API calls with an
 * application's private key, and HS256 verification for signed webhooks.
 *
 * @module
 */
import { ValidationError } from '../../errors.js'
import { fromBase64, hmac, importRs256Key, signJwtRs256, timingSafeEqual, toBase64Url, utf8 } from '../../webhooks/crypto.js'

/** How long an API token lives: Vonage accepts up to 24 h; 15 minutes keeps a leaked token short-lived. */
export const VONAGE_JWT_TTL_SECONDS = 15 * 60

/** The claims of an application JWT (https://developer.vonage.com/en/getting-started/concepts/authentication#json-web-tokens). */
export interface VonageApplicationClaims {
  application_id: string
  /** Issued at, in seconds since the epoch. */
  iat: number
  /** Unique token id. */
  jti: string
  /** Expiry, in seconds since the epoch. */
  exp: number
}

/** DER length octets (X.690 8.1.3). */
function derLength(n: number): number[] {
  if (n < 0x80) return [n]
  const out: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256)
  return [0x80 | out.length, ...out]
}

function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const head = [tag, ...derLength(content.length)]
  const out = new Uint8Array(head.length + content.length)
  out.set(head)
  out.set(content, head.length)
  return out
}

// PrivateKeyInfo (RFC 5208) = SEQUENCE { version 0, AlgorithmIdentifier { rsaEncryption, NULL }, OCTET STRING pkcs1 }
const PKCS8_RSA_PREFIX = new Uint8Array([0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00])

/** Wraps a PKCS#1 `RSAPrivateKey` in a PKCS#8 `PrivateKeyInfo`, the only private-key format Web Crypto imports. */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  const octets = derTlv(0x04, pkcs1)
  const body = new Uint8Array(PKCS8_RSA_PREFIX.length + octets.length)
  body.set(PKCS8_RSA_PREFIX)
  body.set(octets, PKCS8_RSA_PREFIX.length)
  return derTlv(0x30, body)
}

const PEM_RE = /-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END (RSA )?PRIVATE KEY-----/

/**
 * Reads a PEM private key as PKCS#8 DER. Accepts `BEGIN PRIVATE KEY` (PKCS#8, what the Vonage
 * Dashboard downloads) and `BEGIN RSA PRIVATE KEY` (PKCS#1, wrapped here), with real or escaped
 * (`\n`) line breaks as environment variables often hold them.
 *
 * @throws {ValidationError} when the text holds no PEM private key. The message never repeats the key.
 */
export function pemToPkcs8(pem: string): Uint8Array {
  const m = PEM_RE.exec(pem.replace(/\\n/g, '\n'))
  if (!m || (m[1] ?? '') !== (m[3] ?? '')) {
    throw new ValidationError(
      [
        {
          path: ['privateKey'],
          code: 'invalid_format',
          message: 'expected a PEM private key ("-----BEGIN PRIVATE KEY-----" as downloaded from the Vonage Dashboard, or "-----BEGIN RSA PRIVATE KEY-----")',
        },
      ],
      { context: 'createVonageDriver()' },
    )
  }
  let der: Uint8Array
  try {
    der = fromBase64((m[2] as string).replace(/\s+/g, ''))
  } catch {
    throw new ValidationError([{ path: ['privateKey'], code: 'invalid_format', message: 'the PEM body is not valid Base64' }], { context: 'createVonageDriver()' })
  }
  return m[1] ? pkcs1ToPkcs8(der) : der
}

/**
 * Imports an RSA private key for RS256 signing.
 *
 * @throws {ValidationError} when the PEM is malformed or Web Crypto rejects the key (not RSA, truncated …).
 * @example
 * ```ts
 * const key = await importRsaPrivateKey(process.env.VONAGE_PRIVATE_KEY)
 * ```
 */
export async function importRsaPrivateKey(pem: string): Promise<CryptoKey> {
  const der = pemToPkcs8(pem)
  try {
    return await importRs256Key(der)
  } catch {
    throw new ValidationError([{ path: ['privateKey'], code: 'invalid_format', message: 'Web Crypto could not import it as an RSA private key' }], {
      context: 'createVonageDriver()',
    })
  }
}

/**
 * Mints a fresh application JWT: `{ application_id, iat, jti, exp: iat + 15 min }`, RS256. The
 * driver signs one per request; use it yourself for other calls that take the application's
 * credentials, such as downloading inbound media when Secure Inbound Media is on.
 *
 * @param nowMs - The clock, in ms since the epoch; `iat` is its whole seconds.
 * @throws a `DOMException` (`InvalidAccessError`) from Web Crypto when `key` is not an RSA signing
 * key as {@link importRsaPrivateKey} returns.
 * @example
 * ```ts
 * const token = await vonageApplicationJwt(key, 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab')
 * fetch(url, { headers: { authorization: `Bearer ${token}` } })
 * ```
 */
export async function vonageApplicationJwt(key: CryptoKey, applicationId: string, nowMs: number = Date.now()): Promise<string> {
  const iat = Math.floor(nowMs / 1000)
  const claims: VonageApplicationClaims = { application_id: applicationId, iat, jti: crypto.randomUUID(), exp: iat + VONAGE_JWT_TTL_SECONDS }
  return signJwtRs256(key, claims)
}

/** A JWT split into its parts; `undefined` when it is not three Base64url JSON segments. */
export interface DecodedJwt {
  header: Record<string, unknown>
  claims: Record<string, unknown>
  /** `header.payload` as sent: what the signature covers. */
  signingInput: string
  signature: string
}

function jsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8(fromBase64(segment)))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** Splits and decodes a compact JWT without checking anything. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.')
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return undefined
  const [h, p, signature] = parts as [string, string, string]
  const header = jsonObject(h)
  const claims = jsonObject(p)
  if (!header || !claims) return undefined
  return { header, claims, signingInput: `${h}.${p}`, signature }
}

/**
 * Checks an HS256 JWT against `secret` in constant time and returns its claims, or `undefined` when
 * it is malformed, uses another algorithm (`none`, RS256 …) or its signature does not match.
 */
export async function verifyHs256(token: string, secret: string): Promise<Record<string, unknown> | undefined> {
  const jwt = decodeJwt(token)
  if (!jwt || jwt.header.alg !== 'HS256') return undefined
  const expected = toBase64Url(await hmac('SHA-256', secret, jwt.signingInput))
  return timingSafeEqual(expected, jwt.signature) ? jwt.claims : undefined
}
