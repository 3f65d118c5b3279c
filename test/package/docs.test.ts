// `npm run docs` must build the API site without a single warning (typedoc.json treats warnings as
// errors): every public export documented, every {@link} resolved, every linked file present. This
// runs the same conversion, validation and HTML rendering through typedoc's API (into a temporary
// directory), so a new undocumented export fails `npm test` too, with the warnings in the report.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Application, LogLevel, type ProjectReflection, ReflectionKind } from 'typedoc'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const config = fileURLToPath(new URL('../../typedoc.json', import.meta.url))

describe('API docs (npm run docs)', () => {
  const warnings: string[] = []
  let app: Application
  let project: ProjectReflection | undefined
  const out = mkdtempSync(join(tmpdir(), 'anychannel-docs-'))

  beforeAll(async () => {
    app = await Application.bootstrapWithPlugins({ options: config, logLevel: 'Warn' })
    const log = app.logger.log.bind(app.logger)
    app.logger.log = (message, level) => {
      if (level >= LogLevel.Warn) warnings.push(message)
      log(message, level)
    }
    project = await app.convert()
    if (project) {
      app.validate(project)
      await app.generateDocs(project, out)
    }
  }, 120_000)

  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('typedoc converts, validates and renders with zero warnings', () => {
    expect(project).toBeDefined()
    expect(warnings).toEqual([])
    expect(app.logger.warningCount + app.logger.errorCount).toBe(0)
  })

  it('every exported function and class has an @example', () => {
    const missing: string[] = []
    for (const r of Object.values(project?.reflections ?? {})) {
      if (!r.isDeclaration() || !r.kindOf(ReflectionKind.Function | ReflectionKind.Class)) continue
      // A function's comment lives on its signature, a class's on the class.
      const comment = r.signatures?.[0]?.comment ?? r.comment
      if (!comment?.blockTags.some((t) => t.tag === '@example')) missing.push(r.getFullName())
    }
    expect(missing).toEqual([])
  })
})
