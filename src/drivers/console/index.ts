/**
 * The console driver: prints what a person on a channel would see, framed per channel. No account,
 * no network; used by the demo and for trying messages out.
 *
 * @module
 */
import type { Capabilities } from '../../channels/capabilities.js'
import { capabilitiesFor } from '../../channels/profiles.js'
import { segmentSms } from '../../sms/index.js'
import { type DriverV1, defineDriver } from '../contract.js'
import { previewLines } from './preview.js'

/** Options of {@link createConsoleDriver}. */
export interface ConsoleDriverOptions {
  /**
   * The channel this driver poses as; picks the built-in profile.
   * @defaultValue `'sms'`
   */
  channel?: string
  /** Capabilities to render for (a narrowed profile, or one for a custom channel). @defaultValue `profiles[channel]` */
  capabilities?: Capabilities
  /** Where each message's framed preview goes: one call per message, its lines joined with `\n`. @defaultValue `console.log` */
  write?: (text: string) => void
  /** Driver id shown in results. @defaultValue `'console'` */
  id?: string
  /** Width of the frame in columns. @defaultValue 64 */
  width?: number
}

/**
 * Creates a driver that prints each message as the channel would show it.
 *
 * @throws {ValidationError} for an unknown channel without `capabilities`.
 * @example
 * ```ts
 * const client = createClient({
 *   channels: { whatsapp: createConsoleDriver({ channel: 'whatsapp' }), sms: createConsoleDriver() },
 * })
 * ```
 */
export function createConsoleDriver(options: ConsoleDriverOptions = {}): DriverV1 {
  const channel = options.channel ?? 'sms'
  const base = capabilitiesFor(channel, options.capabilities)
  const write = options.write ?? ((text: string) => console.log(text))
  const width = options.width ?? 64
  let counter = 0

  return defineDriver({
    id: options.id ?? 'console',
    channel,
    capabilities: { ...base, idempotency: 'none' },
    async doSend({ to, message, part }) {
      const id = `console-${++counter}`
      const head = `─ ${channel} → ${to}${part && part.count > 1 ? ` (${part.index + 1}/${part.count})` : ''} `
      const lines = previewLines(message, width - 4, base.text.formatting)
      if (base.sms && message.text !== undefined) {
        const info = segmentSms(message.text)
        lines.push('', `${info.encoding}, ${info.units} units, ${info.segments.length} segment${info.segments.length === 1 ? '' : 's'}`)
      }
      const out = [`┌${head}${'─'.repeat(Math.max(2, width - [...head].length - 1))}`, ...lines.map((l) => `│ ${l}`), `└${'─'.repeat(width - 1)}`]
      write(out.join('\n'))
      return { providerMessageIds: [id], status: 'sent' }
    },
  })
}
