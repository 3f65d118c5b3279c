import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

// Package tests import the built files. CI builds before testing; locally, `npm test` builds
// once here when dist/ is missing or older than src/.
function newest(dir: string): number {
  let t = 0
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const s = statSync(p)
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs)
  }
  return t
}

export default function setup(): void {
  const built = 'dist/index.js'
  const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(newest('src'), statSync('package.json').mtimeMs)
  if (stale) execFileSync('npx', ['tsup', '--silent'], { stdio: 'inherit' })
}
