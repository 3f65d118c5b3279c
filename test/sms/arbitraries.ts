import fc from 'fast-check'

const BASIC = [...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡AZÄÖÑÜ§¿azäöñüà']
const EXTENSION = [...'\f^{}\\[~]|€']
const NON_GSM_BMP = ['’', '“', '–', '…', 'ç', 'ş', 'ğ', 'ı', 'á', 'ã', 'ê', 'ж', '中', '\u00a0', '\t', '`', '\u0301', 'À', '\u0000', '\u001b', '\u200d']
const EMOJI = ['😀', '👍🏽', '🇫🇷', '👨‍👩‍👧‍👦', '❤️', '❤️‍🔥', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '1️⃣']
const LONE_SURROGATES = ['\ud83d', '\ude00', '\udbff', '\udc00']
const WORDS = ['hello', 'order', 'shipped', 'tomorrow', 'reply', 'STOP']

/** One piece of a message: weighted towards GSM-7 so that long GSM-7 texts happen often. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...BASIC) },
  { weight: 8, arbitrary: fc.constantFrom(...WORDS).map((word) => `${word} `) },
  { weight: 6, arbitrary: fc.constantFrom(...EXTENSION) },
  { weight: 2, arbitrary: fc.constant('\r\n') },
  { weight: 2, arbitrary: fc.constantFrom(...NON_GSM_BMP) },
  { weight: 2, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
)

const join = (pieces: string[]): string => pieces.join('')

/**
 * Messages of 0 to ~1,000 UTF-16 units mixing GSM-7, extension characters, Unicode, emoji, lone
 * surrogates and CRLF: short ones, long ones (many parts), and ones that put a few arbitrary
 * pieces around the single-message and part limits (67/70, 153/160 units).
 */
const gsmPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...BASIC) },
  { weight: 8, arbitrary: fc.constantFrom(...WORDS).map((word) => `${word} `) },
  { weight: 6, arbitrary: fc.constantFrom(...EXTENSION) },
  { weight: 2, arbitrary: fc.constant('\r\n') },
)

export const message: fc.Arbitrary<string> = fc.oneof(
  fc.array(piece, { maxLength: 40 }).map(join),
  fc.array(gsmPiece, { minLength: 100, maxLength: 500, size: 'max' }).map(join),
  fc.array(piece, { minLength: 100, maxLength: 500, size: 'max' }).map(join),
  fc
    .tuple(
      fc.integer({ min: 0, max: 170 }),
      fc.array(piece, { maxLength: 8 }),
      fc.integer({ min: 0, max: 170 }),
      fc.constantFrom('x', 'ж'),
    )
    .map(([before, pieces, after, filler]) => filler.repeat(before) + join(pieces) + filler.repeat(after)),
)

/** Messages that are GSM-7 apart from rare accented letters some national table carries. */
export const nationalMessage: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(...BASIC) },
      { weight: 4, arbitrary: fc.constantFrom(...EXTENSION) },
      { weight: 3, arbitrary: fc.constantFrom(...'şğıİŞĞçáíóúÁÍÓÚãõêâÂÊÔôÀ∞ªº`') },
    ),
    { maxLength: 500, size: 'max' },
  )
  .map(join)
