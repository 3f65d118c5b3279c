export { render } from './render.js'
export { formatText, escapeText, plainText } from './format.js'
export { normalizeReplyText } from './text.js'
export { mapsUrl } from './location.js'
export {
  DEFAULT_LABELS,
  type Degradation,
  type NumberingStyle,
  type RenderLabels,
  type RenderOptions,
  type RenderResult,
  type RenderTarget,
  type ReplyOption,
} from './types.js'
