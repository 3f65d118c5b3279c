import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { degradationDoc, reliabilityDoc, webhooksDoc } from '../../scripts/docs-render.js'

it('docs/degradation.md is generated from the current code (run npm run docs:render)', () => {
  expect(readFileSync('docs/degradation.md', 'utf8')).toBe(degradationDoc())
})

it('docs/reliability.md shows the defaults of the exported constants (run npm run docs:render)', () => {
  const doc = readFileSync('docs/reliability.md', 'utf8')
  expect(doc).toBe(reliabilityDoc(doc))
})

it('docs/webhooks.md shows the drivers\' status tables (run npm run docs:render)', () => {
  const doc = readFileSync('docs/webhooks.md', 'utf8')
  expect(doc).toBe(webhooksDoc(doc))
})
