import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { entries } from '../../tsup.config.js'

type Target = { import: { types: string; default: string }; require?: { types: string; default: string } }
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, string | Target> }
const subpaths = Object.entries(pkg.exports).filter(([, t]) => typeof t === 'object') as Array<[string, Target]>
// anychannel/testing runs inside vitest, which cannot be require()d: it is ESM-only.
const cjsSubpaths = subpaths.filter(([, t]) => t.require)

describe('package', () => {
  it('has one tsup entry per subpath export, with a source file each', () => {
    expect(Object.keys(entries).sort()).toEqual(subpaths.map(([, t]) => t.import.default.replace('./dist/', '').replace(/\.js$/, '')).sort())
    for (const src of Object.values(entries)) expect(existsSync(src), src).toBe(true)
  })

  it('builds every file the exports map points to', () => {
    for (const [subpath, t] of subpaths)
      for (const file of [t.import.types, t.import.default, t.require?.types, t.require?.default])
        if (file) expect(existsSync(file), `${subpath}: ${file}`).toBe(true)
    expect(subpaths.filter(([, t]) => !t.require).map(([s]) => s)).toEqual(['./testing'])
  })

  it('lists types first in every condition', () => {
    for (const [, t] of subpaths) {
      expect(Object.keys(t.import)[0]).toBe('types')
      if (t.require) expect(Object.keys(t.require)[0]).toBe('types')
    }
  })

  it('loads every subpath as ESM and as CJS from a consumer', () => {
    const esm = subpaths.filter(([s]) => s !== './testing') // importing vitest outside a test run throws by design
    const script = `const ms = []; for (const p of ${JSON.stringify(esm.map(([s]) => `anychannel${s.slice(1)}`))}) ms.push(Object.keys(await import(p)).length); console.log(JSON.stringify(ms))`
    // Resolve through the package name, as a user would (self-reference via "exports").
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(JSON.parse(out).every((n: number) => n > 0)).toBe(true)
    const require = createRequire(`${process.cwd()}/package.json`)
    for (const [s] of cjsSubpaths) {
      const mod = require(`anychannel${s.slice(1)}`) as Record<string, unknown>
      expect(Object.keys(mod).length, s).toBeGreaterThan(0)
    }
  })

  it('anychannel/testing loads inside a vitest run', async () => {
    const testing = (await import('anychannel/testing')) as typeof import('../../src/testing/index.js')
    expect(typeof testing.runDriverContract).toBe('function')
  })

  it('works end to end from the built CJS and ESM entries', async () => {
    const require = createRequire(`${process.cwd()}/package.json`)
    const cjs = require('anychannel') as typeof import('../../src/index.js')
    const cjsMemory = require('anychannel/drivers/memory') as typeof import('../../src/drivers/memory/index.js')
    const esm = (await import('anychannel')) as typeof import('../../src/index.js')
    for (const lib of [cjs, esm]) {
      const sms = cjsMemory.createMemoryDriver()
      const client = lib.createClient({ channels: { sms } })
      const r = await client.send({ to: '+14155550100', message: lib.message({ text: 'Hi', quickReplies: [lib.reply('Ok', 'OK')] }) })
      expect(r.rendered.messages[0]?.text).toBe('Hi\nReply 1 for Ok')
    }
    // Errors keep their identity across the two builds (Symbol.for brand).
    const err = (() => {
      try {
        cjs.parseMessage({})
      } catch (e) {
        return e
      }
    })()
    expect(esm.ValidationError.isInstance(err)).toBe(true)
    expect(esm.AnychannelError.isInstance(err)).toBe(true)
    expect(esm.SendError.isInstance(err)).toBe(false)
  })
})
