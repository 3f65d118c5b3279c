// Cold import cost: a fresh `node` process importing the built package, against `node -e 0` in
// the same run (interleaved, median of RUNS each). Target from the issue: under 25 ms over the
// baseline. Then the browser bundle sizes (scripts/size.mjs).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const TARGET_MS = 25

if (!existsSync(`${root}dist/index.js`)) execFileSync('npx', ['tsup', '--silent'], { cwd: root, stdio: 'inherit' })

const node = process.execPath
const CASES = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { name: 'node --input-type=module -e 0', args: ['--input-type=module', '-e', '0'] },
  { name: "await import('anychannel')", args: ['--input-type=module', '-e', "await import('anychannel')"] },
  { name: "await import('anychannel/sms')", args: ['--input-type=module', '-e', "await import('anychannel/sms')"] },
] as const

/** Wall time of one fresh process, in ms. */
function once(args: readonly string[]): number {
  const start = process.hrtime.bigint()
  const r = spawnSync(node, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.toString()}`)
  return ms
}

/** The import alone, timed inside the process (module resolution, loading, evaluation). */
function inProcess(specifier: string): number {
  const out = execFileSync(
    node,
    ['--input-type=module', '-e', `const t = performance.now(); await import('${specifier}'); console.log(performance.now() - t)`],
    { cwd: root, encoding: 'utf8' },
  )
  return Number(out.trim())
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

for (const c of CASES) once(c.args) // warm the file cache
const wall: number[][] = CASES.map(() => [])
// zod/mini and eventemitter3 on their own show how much of the core's cost is its dependencies.
const inside: Record<string, number[]> = { anychannel: [], 'anychannel/sms': [], 'zod/mini': [], eventemitter3: [] }
for (let i = 0; i < RUNS; i++) {
  CASES.forEach((c, n) => wall[n]?.push(once(c.args)))
  for (const spec of Object.keys(inside)) inside[spec]?.push(inProcess(spec))
}

const base = median(wall[0] as number[])
const load = loadavg().map((l) => l.toFixed(1)).join(' ')
console.log(`Cold start, ${RUNS} interleaved runs each, median wall time (${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${load}):\n`)
for (const [n, c] of CASES.entries()) {
  const m = median(wall[n] as number[])
  console.log(`  ${c.name.padEnd(34)} ${m.toFixed(1).padStart(7)} ms   ${n === 0 ? '' : `+${(m - base).toFixed(1)} ms`}`)
}
console.log(`\nThe import alone, timed inside the process (median):`)
for (const [spec, xs] of Object.entries(inside)) console.log(`  import('${spec}')`.padEnd(38) + `${median(xs).toFixed(1).padStart(7)} ms`)

const overhead = median(wall[2] as number[]) - base
console.log(`\nimport('anychannel') costs ${overhead.toFixed(1)} ms over \`node -e 0\`: target < ${TARGET_MS} ms ${overhead < TARGET_MS ? 'met' : 'NOT met'}.`)

console.log('\nBrowser bundle sizes (npm run size):\n')
spawnSync(node, [`${root}scripts/size.mjs`], { cwd: root, stdio: 'inherit' })
