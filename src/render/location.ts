import type { Location } from '../message/types.js'
import { type Ctx, type Draft, newDraft, note } from './context.js'

/**
 * A maps link that opens in every phone's browser or maps app; `render()` puts it in the text on
 * channels without location messages.
 *
 * @example
 * ```ts
 * mapsUrl({ latitude: 52.52, longitude: 13.405 }) // 'https://maps.google.com/?q=52.52,13.405'
 * ```
 */
export function mapsUrl(l: Location): string {
  return `https://maps.google.com/?q=${l.latitude},${l.longitude}`
}

/** Location ladder: native location message → "Name, address" and a maps link in the text. */
export function planLocation(ctx: Ctx, primary: Draft, location: Location): Draft[] {
  if (ctx.caps.location && !ctx.textOnly) {
    const d = newDraft()
    d.location = location
    return [d]
  }
  const label = [location.name, location.address].filter(Boolean).join(', ')
  primary.sections.push({ plain: label ? `${label}\n${mapsUrl(location)}` : mapsUrl(location), origin: 'location' })
  note(ctx, 'location', 'location', 'text', false, `${ctx.channel} has no location messages: sent as ${label ? 'name, address and ' : ''}a maps link`)
  return []
}
