/**
 * Septets in one SMS without a user data header (TS 23.040 clause 9.2.3.24: 140 octets × 8 / 7).
 * @example
 * ```ts
 * segmentSms('a'.repeat(GSM7_SINGLE)).segments.length // 1
 * ```
 */
export const GSM7_SINGLE = 160

/**
 * Septets per part of a concatenated GSM-7 message: the 6-octet header with the 8-bit-reference
 * concatenation element (TS 23.040 clause 9.2.3.24.1) takes 7 septets once aligned.
 * @example
 * ```ts
 * segmentSms('a'.repeat(GSM7_SINGLE + 1)).segments[0].length // 153
 * ```
 */
export const GSM7_PART = 153

/**
 * UTF-16 code units in one UCS-2 SMS without a header (140 octets / 2).
 * @example
 * ```ts
 * segmentSms('ж'.repeat(UCS2_SINGLE)).segments.length // 1
 * ```
 */
export const UCS2_SINGLE = 70

/**
 * UTF-16 code units per part of a concatenated UCS-2 message ((140 − 6) / 2).
 * @example
 * ```ts
 * segmentSms('ж'.repeat(UCS2_SINGLE + 1)).segments[0].length // 67
 * ```
 */
export const UCS2_PART = 67

/**
 * Most parts one concatenated message can have: the header numbers parts with one octet
 * (TS 23.040 clause 9.2.3.24.1). {@link segmentSms} still splits longer texts and reports every
 * part, so compare `segments.length` with this constant before sending.
 * @example
 * ```ts
 * const info = segmentSms(longText)
 * if (info.segments.length > MAX_PARTS) throw new Error('too long for one SMS')
 * ```
 */
export const MAX_PARTS = 255

/**
 * Septets per SMS when the header carries national language shift elements (IEI 0x24 single
 * shift, IEI 0x25 locking shift, 3 octets each; TS 23.040 clauses 9.2.3.24.15/16), indexed by
 * the number of such elements (0, 1 or 2). The header is padded to a septet boundary, so one
 * element costs 5 septets on a single SMS (4 octets = 32 bits → 35) and 4 more on a part.
 *
 * | shift elements | single SMS | per concatenated part |
 * | --- | --- | --- |
 * | 0 | 160 | 153 |
 * | 1 | 155 | 149 |
 * | 2 | 152 | 146 |
 * @example
 * ```ts
 * GSM7_LIMITS[1] // { single: 155, part: 149 }
 * ```
 */
export const GSM7_LIMITS: readonly [SmsLimits, SmsLimits, SmsLimits] = [
  { single: GSM7_SINGLE, part: GSM7_PART },
  { single: 155, part: 149 },
  { single: 152, part: 146 },
]

/** How many units fit in a single SMS and in each part of a concatenated one. */
export interface SmsLimits {
  /** Units in a message sent as one SMS, without a concatenation header. */
  readonly single: number
  /** Units in each part of a concatenated message. */
  readonly part: number
}

/**
 * The UCS-2 limits, in UTF-16 code units.
 * @example
 * ```ts
 * UCS2_LIMITS.part // 67
 * ```
 */
export const UCS2_LIMITS: SmsLimits = { single: UCS2_SINGLE, part: UCS2_PART }
