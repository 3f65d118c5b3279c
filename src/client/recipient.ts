import type { ValidationIssue } from '../errors.js'
import { E164 } from '../message/limits.js'
import { type Contact, PHONE_CHANNELS, type Recipient } from '../message/types.js'

/** A recipient's address on one channel kind, or the reason there is none. */
export type Resolved = { address: string } | { issue: ValidationIssue } | { missing: true }

const CONTACT_KEYS = new Set(['phone', 'whatsapp', 'telegram', 'messenger', 'line', 'viber', 'rcs', 'prefers'])

/** Where `to` can be reached on `kind`: a contact's own address for it, else its phone for phone channels. */
export function resolveAddress(to: Recipient, kind: string): Resolved {
  const phoneChannel = PHONE_CHANNELS.has(kind)
  let address: string | undefined
  let path: Array<string | number> = ['to']
  if (typeof to === 'string') address = to.trim()
  else {
    const own = (to as Record<string, unknown>)[kind]
    if (typeof own === 'string') {
      address = own.trim()
      path = ['to', kind]
    } else if (phoneChannel && to.phone) {
      address = to.phone.trim()
      path = ['to', 'phone']
    }
  }
  if (!address) return { missing: true }
  if (phoneChannel) {
    const bare = address.replace(/^whatsapp:/, '')
    if (!E164.test(bare))
      return { issue: { path, code: 'invalid_format', message: `"${address}" is not an E.164 number (like +14155550100), which ${kind} needs` } }
    return { address: bare }
  }
  return { address }
}

/** Checks the shape of a contact object (unknown keys are usually typos). */
export function contactIssues(to: Recipient): ValidationIssue[] {
  if (typeof to === 'string') return to.trim() ? [] : [{ path: ['to'], code: 'required', message: 'must not be empty' }]
  if (typeof to !== 'object' || to === null) return [{ path: ['to'], code: 'invalid_type', message: 'expected a string or a contact object' }]
  const issues: ValidationIssue[] = []
  for (const key of Object.keys(to)) if (!CONTACT_KEYS.has(key)) issues.push({ path: ['to', key], code: 'unknown_field', message: 'unknown field' })
  const prefers = (to as Contact).prefers
  if (prefers !== undefined && (!Array.isArray(prefers) || prefers.some((p) => typeof p !== 'string')))
    issues.push({ path: ['to', 'prefers'], code: 'invalid_type', message: 'expected an array of channel names' })
  return issues
}
