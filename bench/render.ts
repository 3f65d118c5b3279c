// render() throughput for the carousel example (3 cards, 5 quick replies) to every profile.
// Prints messages/second, the median of several timed runs. Target: ≥ 50,000 renders/s to SMS.
import { examples } from '../examples/messages/index.js'
import { ensureBuild } from '../scripts/lib/build.js'

// The shipped code (dist/), not the sources through a dev transpiler.
ensureBuild()
const { profiles, render } = (await import('../dist/index.js')) as typeof import('../src/index.js')

const RUNS = 7
const TARGET_SMS = 50_000

function measure(fn: () => void, ms = 300): number {
  // Warm up, then count calls in a fixed window.
  const warm = performance.now() + 100
  while (performance.now() < warm) fn()
  let n = 0
  const start = performance.now()
  const end = start + ms
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) fn()
    n += 50
  }
  return n / ((performance.now() - start) / 1000)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

console.log(`render(): carousel example, median of ${RUNS} runs (node ${process.version})`)
console.log('profile    renders/s')
const results: Record<string, number> = {}
for (const name of Object.keys(profiles) as Array<keyof typeof profiles>) {
  const runs = Array.from({ length: RUNS }, () => measure(() => render(examples.carousel, name)))
  results[name] = median(runs)
  console.log(`${name.padEnd(10)} ${Math.round(results[name] as number).toLocaleString('en-US').padStart(9)}`)
}
const one = median(Array.from({ length: RUNS }, () => measure(() => render(examples.carousel, 'sms', { maxSegments: 1 }))))
console.log(`${'sms (1 seg)'.padEnd(10)} ${Math.round(one).toLocaleString('en-US').padStart(9)}`)
const sms = results.sms as number
console.log(`\nSMS target ≥ ${TARGET_SMS.toLocaleString('en-US')}/s: ${sms >= TARGET_SMS ? 'met' : 'NOT met'} (${(sms / TARGET_SMS).toFixed(2)}×)`)
