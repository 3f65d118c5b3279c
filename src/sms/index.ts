export { GSM7_DEFAULT_ALPHABET, GSM7_EXTENSION_TABLE, gsm7Length, isGsm7 } from './gsm7.js'
export {
  LANGUAGE_TABLES,
  type LanguageTable,
  type LanguageTableName,
  type LanguageTableOption,
  portuguese,
  spanish,
  turkish,
} from './language-tables.js'
export {
  GSM7_LIMITS,
  GSM7_PART,
  GSM7_SINGLE,
  MAX_PARTS,
  type SmsLimits,
  UCS2_LIMITS,
  UCS2_PART,
  UCS2_SINGLE,
} from './limits.js'
export { type LanguageTableUse, type SegmentOptions, type SmsEncoding, type SmsInfo, segmentSms } from './segment.js'
export {
  TRANSLITERATION_GROUPS,
  TRANSLITERATIONS,
  type Transliteration,
  type TransliterationGroup,
  type TransliterationResult,
  type TransliterationTable,
  transliterate,
} from './transliterate.js'
export { DEFAULT_ELLIPSIS, type FitOptions, type FitResult, fitSms, WORD_CUT_SHARE, WORD_CUT_WINDOW } from './fit.js'
