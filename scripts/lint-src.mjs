// Fails when a file in src/ reaches for Node: `node:` imports, bare Node built-in modules,
// `process`, `Buffer`, `require`, `__dirname`. src/ must run in browsers and edge runtimes.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'

const root = new URL('../src/', import.meta.url).pathname
const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')))
const rules = [
  { re: /\bfrom\s+['"]node:[^'"]+['"]|\bimport\(\s*['"]node:/g, what: 'a node: import' },
  { re: /\bprocess\s*\.|\bprocess\s*\[|\btypeof\s+process\b/g, what: 'process' },
  { re: /\bBuffer\s*\./g, what: 'Buffer' },
  { re: /\brequire\s*\(/g, what: 'require()' },
  { re: /\b__dirname\b|\b__filename\b/g, what: '__dirname/__filename' },
]

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (/\.[cm]?ts$/.test(name)) yield path
  }
}

const problems = []
for (const file of files(root)) {
  // Comments may mention these words; only code counts.
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1')
  for (const { re, what } of rules) {
    for (const m of code.matchAll(re)) {
      const line = code.slice(0, m.index).split('\n').length
      problems.push(`${relative(process.cwd(), file)}:${line}: ${what}`)
    }
  }
  for (const m of code.matchAll(/\bfrom\s+['"]([^'"./][^'"]*)['"]/g)) {
    const spec = m[1]
    if (builtins.has(spec) || builtins.has(spec.split('/')[0])) {
      const line = code.slice(0, m.index).split('\n').length
      problems.push(`${relative(process.cwd(), file)}:${line}: Node built-in "${spec}"`)
    }
  }
}
if (problems.length) {
  console.error(`src/ must use Web APIs only:\n${problems.join('\n')}`)
  process.exit(1)
}
console.log('lint-src: no Node built-ins or process in src/')
