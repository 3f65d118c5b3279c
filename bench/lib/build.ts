// Benchmarks measure the shipped code (dist/, minified-equivalent ESM), not the TypeScript
// sources through a dev transpiler: build once when dist/ is missing or older than src/.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

function newest(dir: string): number {
  let t = 0
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    const s = statSync(p)
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs)
  }
  return t
}

export function ensureBuild(): void {
  const built = join(root, 'dist/index.js')
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(root, 'src'))) {
    execFileSync('npx', ['tsup', '--silent'], { cwd: root, stdio: 'inherit' })
  }
}
