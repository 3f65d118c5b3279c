import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderSmsDocs } from '../../scripts/docs-sms.js'

describe('docs/sms.md', () => {
  it('is what scripts/docs-sms.ts generates from the current code (run npm run docs:sms)', () => {
    const committed = readFileSync(new URL('../../docs/sms.md', import.meta.url), 'utf8')
    expect(committed).toBe(renderSmsDocs())
  })
})
