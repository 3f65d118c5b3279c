/**
 * A deliberately naive model of TS 23.038 / 23.040 segmentation for property tests: arrays of
 * characters, no lookup tables, no fast paths. segmentSms must agree with it on any input.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const EXTENSION = '\f^{}\\[~]|€'

export function referenceSegments(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: string[] } {
  const units = [...text.split('')]
  const gsm = units.every((unit) => BASIC.includes(unit) || EXTENSION.includes(unit))
  if (gsm) {
    const cost = (unit: string): number => (EXTENSION.includes(unit) ? 2 : 1)
    const total = units.reduce((sum, unit) => sum + cost(unit), 0)
    if (total <= 160) return { encoding: 'GSM-7', units: total, segments: [text] }
    const segments: string[] = []
    let current: string[] = []
    let used = 0
    for (const unit of units) {
      if (used + cost(unit) > 153) {
        segments.push(current.join(''))
        current = []
        used = 0
      }
      current.push(unit)
      used += cost(unit)
    }
    segments.push(current.join(''))
    return { encoding: 'GSM-7', units: total, segments }
  }
  if (units.length <= 70) return { encoding: 'UCS-2', units: units.length, segments: [text] }
  // Tokens: a valid surrogate pair is one token of 2 units, anything else one token of 1 unit.
  const tokens: string[] = []
  for (let i = 0; i < units.length; i++) {
    const here = units[i] as string
    const next = units[i + 1]
    if (/[\ud800-\udbff]/.test(here) && next !== undefined && /[\udc00-\udfff]/.test(next)) {
      tokens.push(here + next)
      i++
    } else {
      tokens.push(here)
    }
  }
  const segments: string[] = []
  let current = ''
  for (const token of tokens) {
    if (current.length + token.length > 67) {
      segments.push(current)
      current = ''
    }
    current += token
  }
  segments.push(current)
  return { encoding: 'UCS-2', units: units.length, segments }
}
