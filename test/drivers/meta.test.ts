import { readFileSync, readdirSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Built-in drivers have no provider API to hold a contract against.
const NO_PROVIDER = new Set(['console', 'memory'])

describe('every driver runs the shared contract suite', () => {
  const drivers = readdirSync('src/drivers').filter((d) => statSync(`src/drivers/${d}`).isDirectory())
  it('finds the drivers', () => expect(drivers.length).toBeGreaterThan(2))
  for (const name of drivers.filter((d) => !NO_PROVIDER.has(d))) {
    it(name, () => {
      const file = `test/drivers/${name}.contract.test.ts`
      let source = ''
      try {
        source = readFileSync(file, 'utf8')
      } catch {
        throw new Error(`src/drivers/${name} has no ${file}`)
      }
      expect(source).toMatch(/runDriverContract\(/)
    })
  }
})
