import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = new URL('../..', import.meta.url).pathname
const SIZE_BUDGET_GZIP = 4_000

/** Minified browser bundle of `import { …names } from 'anychannel/sms'`, and its gzip size. */
async function bundle(names: string[]): Promise<{ code: string; gzip: number }> {
  const result = await build({
    stdin: { contents: `export { ${names.join(', ')} } from './src/sms/index.ts'`, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    platform: 'browser',
    format: 'esm',
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error('esbuild produced no output')
  return { code: output.text, gzip: gzipSync(output.contents).length }
}

describe('anychannel/sms in the browser', () => {
  it(`bundles segmentSms alone with no Node built-ins, within ${SIZE_BUDGET_GZIP} bytes min+gzip`, async () => {
    const { code, gzip } = await bundle(['segmentSms'])
    console.info(`segmentSms alone: ${code.length} bytes minified, ${gzip} bytes min+gzip`)
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|node:/)
    expect(gzip).toBeLessThanOrEqual(SIZE_BUDGET_GZIP)
  })

  it('bundles every export for the browser', async () => {
    const names = readFileSync(new URL('../../src/sms/index.ts', import.meta.url), 'utf8')
      .match(/export \{([^}]*)\}/g)
      ?.flatMap((block) => block.slice(8, -1).split(','))
      .map((name) => name.trim())
      .filter((name) => name !== '' && !name.startsWith('type ')) as string[]
    expect(names).toContain('fitSms')
    const { code, gzip } = await bundle(names)
    console.info(`all of anychannel/sms: ${code.length} bytes minified, ${gzip} bytes min+gzip`)
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|node:/)
  })

  it('tree-shakes: the GSM-7 checks for a form counter carry neither tables nor segmentation', async () => {
    const { code, gzip } = await bundle(['isGsm7', 'gsm7Length'])
    console.info(`isGsm7 + gsm7Length: ${gzip} bytes min+gzip`)
    expect(code).not.toContain('normalize')
    expect(code).not.toContain('turkish')
    expect(gzip).toBeLessThan(1_000)
  })

  it('src/sms imports nothing but its own modules', () => {
    const directory = new URL('../../src/sms/', import.meta.url)
    for (const file of readdirSync(directory)) {
      const source = readFileSync(new URL(file, directory), 'utf8')
      for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) expect(specifier, file).toMatch(/^\.\/[a-z0-9-]+\.js$/)
      expect(source, file).not.toMatch(/\bprocess\b|\bBuffer\b|\brequire\(/)
    }
  })
})
