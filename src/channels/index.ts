export { profiles, type ProfileName } from './profiles.js'
export { narrowCapabilities, type CapabilitiesPatch } from './narrow.js'
export type {
  ActionButtonCapabilities,
  Capabilities,
  CardCapabilities,
  CarouselCapabilities,
  ChoiceCapabilities,
  FormattingDialect,
  ListCapabilities,
  MediaCapabilities,
  SmsCapabilities,
  TextCapabilities,
} from './capabilities.js'
