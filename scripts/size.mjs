// npm run size: what each public import costs a browser app, measured from the BUILT package.
//
// Each case is a one-line entry bundled by esbuild the way an app bundler would (platform browser,
// ESM, minified, tree-shaken, dependencies included), then gzipped at level 9. 1 kB = 1000 bytes.
// A case with a `budget` fails the run when it grows past it; `target` is the goal the issue set,
// printed next to it. `forbid` lists packages that must not end up in that bundle (tree-shaking).
//
//   node scripts/size.mjs          the table; exit 1 when a budget or a tree-shaking check fails
//   node scripts/size.mjs --json   the same figures as JSON (used by npm run bench)
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const KB = 1000

/**
 * CI-enforced budgets are what the package achieves today plus a small margin, so growth is caught;
 * the targets (12 kB core, 4 kB segmentSms) are printed beside them. The core's gap: zod/mini
 * for the message schema is about 8.2 kB gz, eventemitter3 (kept by the client code in the same
 * dist chunk) about 1 kB, and anychannel's own code (render, the SMS layer it fits text with,
 * profiles, model, errors) about 18.4 kB.
 */
const CASES = [
  {
    name: "import { message, render } from 'anychannel'",
    code: "export { message, render } from 'anychannel'",
    budget: 29 * KB,
    target: 12 * KB,
    forbid: ['ky'],
  },
  {
    name: "import { segmentSms } from 'anychannel/sms'",
    code: "export { segmentSms } from 'anychannel/sms'",
    budget: 4 * KB,
    target: 4 * KB,
    forbid: ['zod', 'ky', 'eventemitter3'],
  },
  {
    name: "import { createClient } from 'anychannel'",
    code: "export { createClient } from 'anychannel'",
    forbid: ['ky'],
  },
  { name: "import * from 'anychannel/sms'", code: "export * from 'anychannel/sms'", forbid: ['zod', 'ky', 'eventemitter3'] },
  ...driverEntries().map((subpath) => ({
    name: `import * from 'anychannel${subpath.slice(1)}'`,
    code: `export * from 'anychannel${subpath.slice(1)}'`,
    forbid: ['eventemitter3'],
  })),
]

function driverEntries() {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))
  return Object.keys(pkg.exports).filter((subpath) => subpath.startsWith('./drivers/'))
}

/**
 * zod and eventemitter3 are bundled into dist/ by tsup, so the metafile names a dist chunk, not
 * node_modules: they are recognised by names minifiers keep (zod's `_zod` internals property,
 * EventEmitter's `eventNames` method), which anychannel's own code never uses.
 */
const SIGNATURES = { zod: /\b_zod\b/, eventemitter3: /\beventNames\b/ }

/** The npm package a bundled file comes from, or undefined for the package's own files. */
function packageOf(input) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)
  return m?.[1]
}

async function measureCase(c) {
  const result = await esbuild.build({
    stdin: { contents: c.code, resolveDir: root, sourcefile: 'entry.js', loader: 'js' },
    absWorkingDir: root,
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    minify: true,
    treeShaking: true,
    metafile: true,
    logLevel: 'silent',
  })
  const out = result.outputFiles[0].contents
  // Files that contribute bytes; a module esbuild tree-shook away entirely shows 0.
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([input]) => input)
  const text = new TextDecoder().decode(out)
  const bundled = Object.entries(SIGNATURES).filter(([, re]) => re.test(text)).map(([name]) => name)
  const packages = [...new Set([...inputs.map(packageOf).filter(Boolean), ...bundled])].sort()
  const own = inputs.filter((input) => !packageOf(input) && input !== 'entry.js')
  const outsideDist = own.filter((input) => !input.startsWith('dist/'))
  return {
    name: c.name,
    minified: out.length,
    gzip: gzipSync(out, { level: 9 }).length,
    budget: c.budget,
    target: c.target,
    packages,
    forbidden: (c.forbid ?? []).filter((name) => packages.includes(name)),
    outsideDist,
  }
}

/** Measures every case; throws when dist/ is missing. */
export async function measure() {
  if (!existsSync(`${root}dist/index.js`)) throw new Error('dist/ is missing: run `npm run build` first')
  const results = []
  for (const c of CASES) results.push(await measureCase(c))
  return results
}

const kb = (bytes) => `${(bytes / KB).toFixed(2)} kB`

function table(results) {
  const rows = [['bundle', 'min', 'min+gzip', 'budget (CI)', 'target', 'dependencies', '']]
  for (const r of results) {
    const over = r.budget !== undefined && r.gzip > r.budget
    const missed = r.target !== undefined && r.gzip > r.target
    rows.push([
      r.name,
      kb(r.minified),
      kb(r.gzip),
      r.budget === undefined ? 'report' : kb(r.budget),
      r.target === undefined ? '' : kb(r.target),
      r.packages.join(', ') || 'none',
      over ? 'OVER BUDGET' : r.forbidden.length ? `PULLS ${r.forbidden.join(', ')}` : missed ? 'ok (target not met)' : 'ok',
    ])
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)))
  return rows.map((row, n) => {
    const line = row.map((cell, i) => (i >= 1 && i <= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd()
    return n === 0 ? `${line}\n${'-'.repeat(line.length)}` : line
  }).join('\n')
}

async function main() {
  const results = await measure()
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(results, null, 2))
  } else {
    console.log(table(results))
    console.log('\n1 kB = 1000 bytes; esbuild --bundle --minify --platform=browser --format=esm, then gzip -9.')
  }
  const problems = []
  for (const r of results) {
    if (r.budget !== undefined && r.gzip > r.budget) problems.push(`${r.name}: ${kb(r.gzip)} is over its ${kb(r.budget)} budget`)
    if (r.forbidden.length) problems.push(`${r.name}: tree-shaking failed, the bundle contains ${r.forbidden.join(', ')}`)
    if (r.outsideDist.length) problems.push(`${r.name}: bundled files outside dist/: ${r.outsideDist.join(', ')}`)
  }
  if (problems.length) {
    console.error(`\nsize check failed:\n  ${problems.join('\n  ')}`)
    process.exit(1)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main().catch((error) => {
    console.error(`size: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
}
