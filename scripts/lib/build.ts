// Builds dist/ once when it is missing or older than src/ or package.json. Benchmarks measure the
// shipped code, not the sources through a dev transpiler; the package tests import the built files.
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
  const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs)
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    execFileSync('npx', ['tsup', '--silent'], { cwd: root, stdio: 'inherit' })
  }
}
