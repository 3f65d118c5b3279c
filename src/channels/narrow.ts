import type { Capabilities } from './capabilities.js'

/** A partial override of a profile: each feature is replaced by `false` or merged field by field. */
export type CapabilitiesPatch = {
  [K in keyof Capabilities]?: Capabilities[K] extends infer V
    ? V extends object
      ? V extends readonly unknown[]
        ? V
        : Partial<Exclude<V, false>> | Extract<V, false>
      : V
    : never
}

/**
 * Derives a capability profile from another: drivers use it to narrow a channel profile to what
 * their provider accepts, apps to tighten a budget.
 *
 * A feature set to `false` in `patch` is switched off; an object is merged into the base feature
 * (which must exist: you cannot widen a channel into something it cannot show).
 *
 * @example
 * ```ts
 * const oneSegmentSms = narrowCapabilities(profiles.sms, { sms: { maxSegments: 1 } })
 * const noCarousel = narrowCapabilities(profiles.messenger, { carousel: false })
 * ```
 */
export function narrowCapabilities(base: Capabilities, patch: CapabilitiesPatch): Capabilities {
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    const current = out[key]
    if (value !== false && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object') {
      out[key] = { ...current, ...value }
    } else {
      out[key] = value
    }
  }
  return out as unknown as Capabilities
}
