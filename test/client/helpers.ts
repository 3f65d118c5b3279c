import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import { createClient, type ClientEvents, type ClientEventName, type ClientOptions } from '../../src/index.js'

/** A client over memory drivers with every event recorded. */
export function setup(channels: Record<string, ReturnType<typeof createMemoryDriver>>, options: Partial<ClientOptions> = {}) {
  const client = createClient({ channels, retry: { initialDelayMs: 1, maxDelayMs: 2 }, ...options })
  const events: Array<{ name: ClientEventName; payload: unknown }> = []
  const names: ClientEventName[] = ['attempt', 'retry', 'failover', 'degraded', 'sent', 'failed', 'unknown']
  for (const name of names) client.on(name, (payload: ClientEvents[typeof name]) => events.push({ name, payload }))
  return { client, events, names: () => events.map((e) => e.name) }
}
