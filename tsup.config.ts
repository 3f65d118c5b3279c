import { readFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

interface ExportTarget {
  import: { types: string; default: string }
  require: { types: string; default: string }
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, ExportTarget | string>
}

/**
 * One tsup entry per subpath export, derived from package.json so the two cannot drift:
 * `"."` builds `src/index.ts` into `dist/index.*`, `"./drivers/twilio"` builds
 * `src/drivers/twilio/index.ts` into `dist/drivers/twilio.*`.
 */
export const entries: Record<string, string> = Object.fromEntries(
  Object.entries(pkg.exports)
    .filter((entry): entry is [string, ExportTarget] => typeof entry[1] === 'object')
    .map(([subpath, target]) => {
      const out = target.import.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '')
      const src = subpath === '.' ? 'src/index.ts' : `src/${subpath.slice(2)}/index.ts`
      return [out, src]
    }),
)

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  splitting: true,
  outDir: 'dist',
  // zod is bundled (tree-shaken): Node loads zod/mini's whole entry (~100 modules, ~55 ms) at
  // import time otherwise, and no zod type is part of the public API.
  noExternal: ['zod', 'eventemitter3'],
  external: ['msw', 'msw/node', 'vitest'],
})
