import * as z from 'zod/mini'
import { E164, MODEL_LIMITS as L } from './limits.js'
import type {
  Button,
  CallButton,
  Card,
  Fallback,
  ListPicker,
  Location,
  Media,
  Message,
  ReplyButton,
  Template,
  UrlButton,
} from './types.js'

// zod is an implementation detail: these schemas are internal, the public types live in types.ts.
// The `satisfies`-style checks at the bottom keep the two in step.

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false
  try {
    new URL(value)
    return true
  } catch {
    return false
  }
}

type RefineCtx = { issues: z.core.$ZodRawIssue[] }

function uniqueTitles(list: ReadonlyArray<{ title: string }> | undefined, ctx: RefineCtx): void {
  if (!list) return
  const seen = new Map<string, number>()
  list.forEach((item, index) => {
    const key = item.title.trim().toLowerCase()
    const first = seen.get(key)
    if (first === undefined) seen.set(key, index)
    else
      ctx.issues.push({
        code: 'custom',
        message: `duplicate title "${item.title}" (same as item ${first}); replies could not tell them apart`,
        path: [index, 'title'],
        input: item.title,
        params: { code: 'duplicate' },
      })
  })
}

// Built on first use: constructing the schemas cost a few ms at import time, paid by apps that
// import anychannel only to render.
function build() {
  const nonEmpty = (max: number) => z.string().check(z.minLength(1), z.maxLength(max))
  const url = z.string().check(
    z.maxLength(L.urlMaxLength),
    z.refine(isHttpUrl, { message: 'must be an absolute http(s) URL', abort: true, params: { code: 'invalid_format' } }),
  )
  const phone = z.string().check(z.regex(E164, { message: 'must be an E.164 number like +14155550100' }))
  const title = nonEmpty(L.titleMaxLength)

  const mediaSchema = z.strictObject({
    type: z.enum(['image', 'video', 'audio', 'file']),
    url,
    mimeType: z.optional(z.string().check(z.regex(/^[\w.+-]+\/[\w.+-]+$/, { message: 'must be a MIME type like image/jpeg' }))),
    caption: z.optional(nonEmpty(L.titleMaxLength)),
    filename: z.optional(nonEmpty(255)),
    sizeBytes: z.optional(z.number().check(z.int(), z.nonnegative())),
  })

  const replyButtonSchema = z.strictObject({
    type: z.literal('reply'),
    title,
    payload: nonEmpty(L.payloadMaxLength),
  })
  const urlButtonSchema = z.strictObject({ type: z.literal('url'), title, url })
  const callButtonSchema = z.strictObject({ type: z.literal('call'), title, phone })
  const buttonSchema = z.discriminatedUnion('type', [replyButtonSchema, urlButtonSchema, callButtonSchema])

  const buttons = z
    .array(buttonSchema)
    .check(
      z.maxLength(L.buttonsMax),
      z.superRefine((list, ctx) => uniqueTitles(list, ctx)),
    )

  const cardSchema = z
    .strictObject({
      title: z.optional(title),
      text: z.optional(nonEmpty(L.textMaxLength)),
      media: z.optional(mediaSchema),
      buttons: z.optional(buttons),
    })
    .check(
      z.superRefine((card, ctx) => {
        if (card.title === undefined && card.text === undefined && card.media === undefined)
          ctx.issues.push({
            code: 'custom',
            message: 'a card needs a title, text or media',
            path: [],
            input: card,
            params: { code: 'required' },
          })
      }),
    )

  const listSchema = z
    .strictObject({
      button: title,
      sections: z
        .array(
          z.strictObject({
            title: z.optional(title),
            items: z
              .array(
                z.strictObject({
                  id: nonEmpty(L.listItemIdMaxLength),
                  title,
                  description: z.optional(nonEmpty(L.titleMaxLength)),
                }),
              )
              .check(z.minLength(1)),
          }),
        )
        .check(z.minLength(1), z.maxLength(L.listSectionsMax)),
    })
    .check(
      z.superRefine((list, ctx) => {
        let total = 0
        const ids = new Map<string, string>()
        list.sections.forEach((section, s) =>
          section.items.forEach((item, i) => {
            total++
            const where = `sections[${s}].items[${i}]`
            const first = ids.get(item.id)
            if (first)
              ctx.issues.push({
                code: 'custom',
                message: `duplicate id "${item.id}" (same as ${first})`,
                path: ['sections', s, 'items', i, 'id'],
                input: item.id,
                params: { code: 'duplicate' },
              })
            else ids.set(item.id, where)
          }),
        )
        if (total > L.listItemsMax)
          ctx.issues.push({
            code: 'custom',
            message: `${total} rows, at most ${L.listItemsMax} allowed across all sections`,
            path: ['sections'],
            input: list.sections,
            params: { code: 'too_many', limit: L.listItemsMax, actual: total },
          })
      }),
    )

  const locationSchema = z.strictObject({
    latitude: z.number().check(z.gte(-90), z.lte(90)),
    longitude: z.number().check(z.gte(-180), z.lte(180)),
    name: z.optional(title),
    address: z.optional(title),
  })

  const templateSchema = z.strictObject({
    name: nonEmpty(512),
    language: z.optional(z.string().check(z.regex(/^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/, { message: 'must be a language code like en_US' }))),
    variables: z.optional(z.union([z.array(z.string()), z.record(z.string(), z.string())])),
    contentSid: z.optional(z.string().check(z.regex(/^HX[0-9a-fA-F]{32}$/, { message: 'must be a Twilio Content SID (HX + 32 hex)' }))),
  })

  const fallbackSchema = z.strictObject({
    text: z.optional(nonEmpty(L.textMaxLength)),
    url: z.optional(url),
  })

  const messageSchema = z
    .strictObject({
      text: z.optional(nonEmpty(L.textMaxLength)),
      media: z.optional(z.array(mediaSchema).check(z.minLength(1), z.maxLength(L.mediaMax))),
      cards: z.optional(z.array(cardSchema).check(z.minLength(1), z.maxLength(L.cardsMax))),
      list: z.optional(listSchema),
      buttons: z.optional(buttons.check(z.minLength(1))),
      quickReplies: z.optional(
        z
          .array(replyButtonSchema)
          .check(
            z.minLength(1),
            z.maxLength(L.quickRepliesMax),
            z.superRefine((list, ctx) => uniqueTitles(list, ctx)),
          ),
      ),
      location: z.optional(locationSchema),
      template: z.optional(templateSchema),
      fallback: z.optional(fallbackSchema),
    })
    .check(
      z.superRefine((m, ctx) => {
        if (!m.text && !m.media && !m.cards && !m.list && !m.location && !m.template)
          ctx.issues.push({
            code: 'custom',
            message: 'a message needs text, media, cards, a list, a location or a template',
            path: [],
            input: m,
            params: { code: 'required' },
          })
      }),
    )
  return { media: mediaSchema, replyButton: replyButtonSchema, urlButton: urlButtonSchema, callButton: callButtonSchema, button: buttonSchema, card: cardSchema, list: listSchema, location: locationSchema, template: templateSchema, fallback: fallbackSchema, message: messageSchema }
}

/** The internal zod schemas of the model. */
export type Schemas = ReturnType<typeof build>

let built: Schemas | undefined

/** The schemas, built once. */
export function schemas(): Schemas {
  built ??= build()
  return built
}

// Compile-time check that the schemas produce exactly the public types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
export type SchemaMatchesTypes = [
  Assert<Same<z.infer<Schemas['media']>, Media>>,
  Assert<Same<z.infer<Schemas['replyButton']>, ReplyButton>>,
  Assert<Same<z.infer<Schemas['urlButton']>, UrlButton>>,
  Assert<Same<z.infer<Schemas['callButton']>, CallButton>>,
  Assert<Same<z.infer<Schemas['button']>, Button>>,
  Assert<Same<z.infer<Schemas['card']>, Card>>,
  Assert<Same<z.infer<Schemas['list']>, ListPicker>>,
  Assert<Same<z.infer<Schemas['location']>, Location>>,
  Assert<Same<z.infer<Schemas['template']>, Template>>,
  Assert<Same<z.infer<Schemas['fallback']>, Fallback>>,
  Assert<Same<z.infer<Schemas['message']>, Message>>,
]
