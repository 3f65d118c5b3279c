import { ValidationError } from '../errors.js'
import type { Capabilities } from './capabilities.js'

// Every number carries its source tag from ../shared/CHANNELS.md (the reference list there has the
// links) or the provider contract README (provider-contracts/README.md, "pc:<provider>").
// Where no document gives a number, the comment says "ours" and why.

const MB = 1024 * 1024

/** Plain SMS (GSM-7 / UCS-2 text, no media, no buttons). */
export const sms: Capabilities = {
  channel: 'sms',
  text: { maxLength: 1600, formatting: 'plain' }, // Twilio body ≤ 1600 chars [tw-text]
  media: false,
  replyButtons: false,
  quickReplies: false,
  urlButtons: false,
  callButtons: false,
  card: false,
  carousel: false,
  list: false,
  location: false,
  templates: false,
  // ours: 10 parts is what a 1600-char GSM-7 body needs (10 × 153 = 1530 septets) [tw-text][sinch-skill-sms]
  sms: { maxSegments: 10 },
}

/** MMS: text plus up to 10 media items in one message, not segmented. */
export const mms: Capabilities = {
  channel: 'mms',
  text: { maxLength: 1600, formatting: 'plain' }, // body ≤ 1600 chars, not segmented [tw-text][aws-mms]
  media: {
    types: ['image', 'video', 'audio', 'file'],
    maxPerMessage: 10, // ≤ 10 media [tw-11751]
    maxBytes: { image: 5 * MB, video: 5 * MB, audio: 5 * MB, file: 5 * MB }, // total ≤ 5 MB [tw-11751][tw-mime]
    captionMaxLength: 1600, // the body travels with the media
  },
  replyButtons: false,
  quickReplies: false,
  urlButtons: false,
  callButtons: false,
  card: false,
  carousel: false,
  list: false,
  location: false,
  templates: false,
}

/** WhatsApp Business (Cloud API and BSPs). */
export const whatsapp: Capabilities = {
  channel: 'whatsapp',
  text: { maxLength: 4096, formatting: 'whatsapp' }, // text ≤ 4096 [meta-interactive][pc:whatsapp-cloud]
  media: {
    types: ['image', 'video', 'audio', 'file'],
    maxPerMessage: 1,
    // image 5 MB, audio/video 16 MB, documents 100 MB [pc:whatsapp-cloud]
    maxBytes: { image: 5 * MB, video: 16 * MB, audio: 16 * MB, file: 100 * MB },
    captionMaxLength: 1024, // ours: the interactive body limit, which Meta also applies to captions [meta-interactive]
    withButtons: true, // interactive header: image, video or document [pc:whatsapp-cloud HeaderObject]
  },
  // reply buttons: max 3, title ≤ 20, id ≤ 256, interactive body ≤ 1024 [meta-interactive][waapi-interactive]
  replyButtons: { max: 3, titleMaxLength: 20, payloadMaxLength: 256, bodyMaxLength: 1024 },
  quickReplies: false, // no chips: quick replies go out as reply buttons, then a list [cm-cascade]
  // CTA-URL message: exactly one URL button, not mixed with reply buttons, label 20 [meta-interactive][chat-wa-cards]
  urlButtons: { max: 1, titleMaxLength: 20, mixWithReplies: false, bodyMaxLength: 1024 }, // body as other interactive messages [meta-interactive]
  callButtons: false,
  card: false, // cards become media + caption + reply buttons [sinch-card]
  carousel: false, // media-card carousels are marketing templates only [meta-carousel][sinch-types]
  // ≤ 10 sections, ≤ 10 rows in total, button ≤ 20, row title ≤ 24, description ≤ 72, id ≤ 200 [meta-list]
  list: {
    maxSections: 10,
    maxRows: 10,
    buttonMaxLength: 20,
    rowTitleMaxLength: 24,
    rowDescriptionMaxLength: 72,
    sectionTitleMaxLength: 24, // section title ≤ 24 [pc:whatsapp-cloud SectionObject]
    rowIdMaxLength: 200,
    bodyMaxLength: 1024,
  },
  location: true,
  templates: true,
}

/** Facebook Messenger. */
export const messenger: Capabilities = {
  channel: 'messenger',
  text: { maxLength: 2000, formatting: 'plain' }, // text ≤ 2000 [chat-msgr-index][pc:messenger]
  media: {
    types: ['image', 'video', 'audio', 'file'],
    maxPerMessage: 1,
    maxBytes: { image: 25 * MB, video: 25 * MB, audio: 25 * MB, file: 25 * MB }, // attachments ≤ 25 MB [pc:messenger]
    captionMaxLength: 0, // attachments have no caption: text goes in its own message
  },
  // button template: text ≤ 640, 1–3 buttons, titles 20, postback payload 1000 [meta-button][pc:messenger]
  replyButtons: { max: 3, titleMaxLength: 20, payloadMaxLength: 1000, bodyMaxLength: 640 },
  quickReplies: { max: 13, titleMaxLength: 20, payloadMaxLength: 1000 }, // [meta-qr][ig-qr]
  urlButtons: { max: 3, titleMaxLength: 20, mixWithReplies: true, bodyMaxLength: 640 }, // [meta-button]
  callButtons: { max: 3, titleMaxLength: 20, mixWithReplies: true, bodyMaxLength: 640 }, // phone_number button [meta-button]
  maxButtonsPerMessage: 3, // one button template holds 1–3 buttons of any type [meta-button][pc:messenger]
  // generic template: title ≤ 80, subtitle ≤ 80, ≤ 3 buttons [meta-generic]
  card: {
    titleMaxLength: 80,
    textMaxLength: 80,
    buttonsMax: 3,
    buttonTypes: ['reply', 'url', 'call'],
    mediaTypes: ['image'],
    titleRequired: true,
    contentRequired: true, // "At least one property must be set in addition to title" [meta-generic]
  },
  carousel: { minCards: 2, maxCards: 10 }, // ≤ 10 elements [meta-generic]
  list: false,
  location: false,
  templates: false,
}

/** RCS Business Messaging. */
export const rcs: Capabilities = {
  channel: 'rcs',
  text: { maxLength: 3072, formatting: 'plain' }, // text ≤ 3072 [aws-rcs-limits][pc:google-rbm]
  media: {
    types: ['image', 'video', 'audio', 'file'],
    maxPerMessage: 1,
    maxBytes: { image: 100 * MB, video: 100 * MB, audio: 100 * MB, file: 100 * MB }, // ≤ 100 MB [aws-rcs-limits]
    captionMaxLength: 0,
  },
  // suggestions: ≤ 11 per message, chip text ≤ 25, postback ≤ 2048 [aws-rcs-limits][pc:google-rbm]
  replyButtons: { max: 11, titleMaxLength: 25, payloadMaxLength: 2048 },
  quickReplies: { max: 11, titleMaxLength: 25, payloadMaxLength: 2048 },
  urlButtons: { max: 11, titleMaxLength: 25, mixWithReplies: true },
  callButtons: { max: 11, titleMaxLength: 25, mixWithReplies: true },
  maxActionsPerMessage: 11, // replies and actions together [aws-rcs-limits]
  // rich card: title ≤ 200, description ≤ 2000, ≤ 4 suggestions per card [aws-rcs-limits][vonage-rcs]
  card: {
    titleMaxLength: 200,
    textMaxLength: 2000,
    buttonsMax: 4,
    buttonTypes: ['reply', 'url', 'call'],
    mediaTypes: ['image', 'video'],
  },
  carousel: { minCards: 2, maxCards: 10 }, // 2–10 cards [aws-rcs-carousel][pc:google-rbm]
  list: false,
  location: false,
  templates: false,
}

/** Viber Business Messages (text, one image and one action button). */
export const viber: Capabilities = {
  channel: 'viber',
  text: { maxLength: 1000, formatting: 'plain' }, // text ≤ 1000 [ib-viber-bm][sinch-viberbm]
  media: {
    types: ['image'],
    maxPerMessage: 1,
    captionMaxLength: 1000, // text, image and button travel in one message [ib-viber-bm]
    withButtons: true,
  },
  replyButtons: false,
  quickReplies: false,
  urlButtons: { max: 1, titleMaxLength: 30, mixWithReplies: false }, // one action button, 1–30 chars [ib-viber-bm]
  callButtons: false,
  card: false,
  carousel: false,
  list: false,
  location: false,
  templates: false,
}

/** Telegram bots (inline keyboards, no cards). */
export const telegram: Capabilities = {
  channel: 'telegram',
  text: { maxLength: 4096, formatting: 'telegram-markdown-v2' }, // 1–4096 chars [ptb-constants][pc:telegram]
  media: {
    types: ['image', 'video', 'audio', 'file'],
    maxPerMessage: 10, // sendMediaGroup: 2–10 items [pc:telegram]
    // photos ≤ 5 MB and other files ≤ 20 MB when sent by URL [pc:telegram]
    maxBytes: { image: 5 * MB, video: 20 * MB, audio: 20 * MB, file: 20 * MB },
    captionMaxLength: 1024, // caption ≤ 1024 [ptb-constants]
    withButtons: true, // sendPhoto takes reply_markup [pc:telegram]
  },
  // inline keyboard: no count limit documented; 100 as in Bot Framework's table [bf-channel-js].
  // callback_data is 1–64 bytes [grammy-callback]; the Telegram driver maps longer payloads to short keys,
  // so the model's 256-char payloads pass.
  replyButtons: { max: 100, titleMaxLength: 64, payloadMaxLength: 256 }, // ours: 64-char labels stay readable on phones
  quickReplies: { max: 100, titleMaxLength: 64, payloadMaxLength: 256 },
  urlButtons: { max: 100, titleMaxLength: 64, mixWithReplies: true },
  callButtons: false, // inline buttons open only http(s) and tg:// URLs [pc:telegram]
  card: false,
  carousel: false, // no native carousel [sinch-types]
  list: false,
  location: true,
  templates: false,
}

/** LINE Messaging API. */
export const line: Capabilities = {
  channel: 'line',
  text: { maxLength: 5000, formatting: 'plain' }, // text ≤ 5000 [bf-channel-net][pc:line]
  media: {
    types: ['image', 'video', 'audio'],
    maxPerMessage: 1,
    captionMaxLength: 0,
  },
  // buttons template: ≤ 4 actions, label ≤ 20, text ≤ 160; postback data ≤ 300 [lp-line-limits][pc:line]
  replyButtons: { max: 4, titleMaxLength: 20, payloadMaxLength: 300, bodyMaxLength: 160 },
  quickReplies: { max: 13, titleMaxLength: 20, payloadMaxLength: 300 }, // ≤ 13 items, label ≤ 20 [bf-channel-net][pc:line]
  urlButtons: { max: 4, titleMaxLength: 20, mixWithReplies: true },
  callButtons: { max: 4, titleMaxLength: 20, mixWithReplies: true }, // uri action with tel: [pc:line]
  // buttons template with title/image: title ≤ 40, text ≤ 60 [lp-line-limits]
  card: {
    titleMaxLength: 40,
    textMaxLength: 60,
    buttonsMax: 4,
    buttonTypes: ['reply', 'url', 'call'],
    mediaTypes: ['image'],
  },
  // carousel template: ≤ 10 columns, ≤ 3 actions each, same action count in every column [line-sdk-carousel]
  carousel: { minCards: 2, maxCards: 10, sameButtonCount: true },
  list: false,
  location: true,
  templates: false,
}

/** A web chat widget you control: generous limits, Markdown. */
export const webchat: Capabilities = {
  channel: 'webchat',
  // ours: a widget renders what it is given; limits only guard against runaway content
  text: { maxLength: 20_000, formatting: 'markdown' },
  media: { types: ['image', 'video', 'audio', 'file'], maxPerMessage: 10, captionMaxLength: 1024, withButtons: true },
  replyButtons: { max: 100, titleMaxLength: 100, payloadMaxLength: 1024 }, // 100 as Web Chat [bf-channel-js]
  quickReplies: { max: 100, titleMaxLength: 100, payloadMaxLength: 1024 },
  urlButtons: { max: 100, titleMaxLength: 100, mixWithReplies: true },
  callButtons: { max: 100, titleMaxLength: 100, mixWithReplies: true },
  card: {
    titleMaxLength: 256,
    textMaxLength: 2000,
    buttonsMax: 10,
    buttonTypes: ['reply', 'url', 'call'],
    mediaTypes: ['image', 'video'],
  },
  carousel: { minCards: 2, maxCards: 50 },
  list: {
    maxSections: 50,
    maxRows: 100,
    buttonMaxLength: 100,
    rowTitleMaxLength: 100,
    rowDescriptionMaxLength: 256,
    sectionTitleMaxLength: 100,
    rowIdMaxLength: 200,
    bodyMaxLength: 20_000,
  },
  location: true,
  templates: false,
}

/** The built-in capability profiles, by channel name. */
export const profiles = { sms, mms, whatsapp, messenger, rcs, viber, telegram, line, webchat } as const

/** A built-in profile name. */
export type ProfileName = keyof typeof profiles

/** The built-in profile called `name`, if there is one (own names only: not `toString`). */
export function profileByName(name: string): Capabilities | undefined {
  return Object.hasOwn(profiles, name) ? (profiles as Record<string, Capabilities>)[name] : undefined
}

/**
 * The capabilities a test or preview driver built for `channel` declares: `override` when given,
 * else the built-in profile of that name. Throws a `ValidationError` naming `channel` when there is
 * neither.
 */
export function capabilitiesFor(channel: string, override?: Capabilities): Capabilities {
  const base = override ?? profileByName(channel)
  if (!base) throw new ValidationError([{ path: ['channel'], code: 'invalid_value', message: `no built-in profile for "${channel}"; pass capabilities` }])
  return base
}
