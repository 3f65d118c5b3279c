// npm run bench: runs every bench/*.ts except this runner, one after the other, each in its own
// process (so one benchmark's warm caches and JIT do not flatter the next).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
const self = basename(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== self)
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

const tsx = join(dir, '..', 'node_modules', '.bin', 'tsx')
let failed = 0
for (const file of benches) {
  console.log(`\n### bench/${file}\n`)
  const r = spawnSync(tsx, [join(dir, file)], { stdio: 'inherit' })
  if (r.status !== 0) {
    failed++
    console.error(`bench/${file} exited with ${r.status ?? r.signal}`)
  }
}
if (failed) process.exit(1)
