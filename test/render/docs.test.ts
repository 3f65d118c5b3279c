import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { degradationDoc } from '../../scripts/docs-render.js'

it('docs/degradation.md is generated from the current code (run npm run docs:render)', () => {
  expect(readFileSync('docs/degradation.md', 'utf8')).toBe(degradationDoc())
})
