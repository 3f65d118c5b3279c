import { bytes, concatBytes, uuidFromHash } from '../../webhooks/crypto.js'

/**
 * The namespace of the name-based (version 5) UUIDs the RBM driver sends as `messageId`. Fixed
 * forever: changing it would give a retried send a new id, and RBM would deliver it twice.
 */
export const RBM_MESSAGE_ID_NAMESPACE = '853419f1-b14c-4c93-b3ce-41026aa75836'

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TypeError(`not a UUID: ${uuid}`)
  const out = new Uint8Array(16)
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

/**
 * A name-based UUID, version 5 (RFC 9562 §5.5, formerly RFC 4122 §4.3): SHA-1 of the namespace's
 * 16 bytes followed by the UTF-8 name, with the version and variant bits set.
 *
 * @example
 * ```ts
 * await uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com') // '2ed6657d-e927-568b-95e1-2665a8aea6a2'
 * ```
 */
export async function uuidV5(namespace: string, name: string): Promise<string> {
  const input = concatBytes([uuidBytes(namespace), bytes(name)])
  return uuidFromHash(new Uint8Array(await crypto.subtle.digest('SHA-1', input)), 5)
}

/**
 * The RBM `messageId` the driver sends for one idempotency key and recipient:
 * `uuidV5(RBM_MESSAGE_ID_NAMESPACE, to + "\n" + idempotencyKey)`.
 *
 * RBM requires a UUID and refuses a second message with an id its agent used before (409
 * ALREADY_EXISTS), which makes it the idempotency key; the client's keys (`crypto.randomUUID()`, a
 * caller's own string, `key:1` for the second part of a split message) are mapped to a UUID the same
 * way on every attempt. The recipient is part of the name so that one key reused for two people
 * cannot make RBM drop the second message as a duplicate.
 *
 * Use it to find a message in your logs, or to revoke it (`DELETE
 * /v1/phones/{to}/agentMessages/{messageId}`); it is also `SendResult.providerMessageIds[i]`.
 *
 * @example
 * ```ts
 * const result = await client.send({ to: '+14155550100', message, idempotencyKey: 'order-1234' })
 * result.providerMessageIds[0] === (await rbmMessageId('order-1234', '+14155550100')) // true
 * ```
 */
export function rbmMessageId(idempotencyKey: string, to: string): Promise<string> {
  return uuidV5(RBM_MESSAGE_ID_NAMESPACE, `${to}\n${idempotencyKey}`)
}
