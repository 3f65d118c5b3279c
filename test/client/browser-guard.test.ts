import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryDriver } from '../../src/drivers/memory/index.js'
import { createClient, defineDriver, message, profiles } from '../../src/index.js'
import { thrownValidation } from '../support/thrown.js'

// createClient treats a global `document` as "running in a browser page", as openai-node does.
const credentialed = defineDriver({
  id: 'acme-sms',
  channel: 'sms',
  capabilities: { ...profiles.sms, idempotency: 'none' },
  usesCredentials: true,
  async doSend() {
    return { providerMessageIds: ['acme-1'], status: 'queued' }
  },
})

describe('createClient in a browser', () => {
  const g = globalThis as { document?: unknown }

  beforeEach(() => {
    g.document = {}
  })
  afterEach(() => {
    delete g.document
  })

  it('refuses a driver holding credentials, naming the channel and the way out', () => {
    const error = thrownValidation(() => createClient({ channels: { sms: credentialed } }))
    expect(error.code).toBe('VALIDATION_ERROR')
    expect(error.issues).toEqual([
      expect.objectContaining({ path: ['channels', 'sms'], code: 'browser', message: expect.stringContaining('dangerouslyAllowBrowser: true') }),
    ])
    expect(error.issues[0]?.message).toContain('acme-sms')
  })

  it('lists every credentialed driver, and accepts the ones without credentials', () => {
    const error = thrownValidation(() => createClient({ channels: { sms: credentialed, backup: credentialed, memory: createMemoryDriver() } }))
    expect(error.issues.map((i) => i.path.join('.'))).toEqual(['channels.sms', 'channels.backup'])
    expect(() => createClient({ channels: { memory: createMemoryDriver() } })).not.toThrow()
  })

  it('allows it with dangerouslyAllowBrowser: true, and the client sends', async () => {
    const client = createClient({ channels: { sms: credentialed }, dangerouslyAllowBrowser: true })
    const result = await client.send({ to: '+14155550100', message: message({ text: 'Hi' }) })
    expect(result.providerMessageIds).toEqual(['acme-1'])
  })
})

describe('createClient outside a browser', () => {
  it('accepts a credentialed driver when there is no document (Node, edge runtimes)', () => {
    expect((globalThis as { document?: unknown }).document).toBeUndefined()
    expect(Object.keys(createClient({ channels: { sms: credentialed } }).channels)).toEqual(['sms'])
  })
})
