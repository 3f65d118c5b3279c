import * as z from 'zod/mini'
import { ValidationError, type ValidationIssue } from '../errors.js'

type Path = Array<string | number>

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<PropertyKey, unknown>)[key]
  }
  return cur
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function toPath(path: readonly PropertyKey[]): Path {
  return path.map((p) => (typeof p === 'number' ? p : String(p)))
}

/** Turns zod's issues into ours: a path, a code, a sentence naming the limit, and the limit itself. */
function convert(issue: z.core.$ZodIssue, input: unknown, base: Path): ValidationIssue[] {
  const path = [...base, ...toPath(issue.path)]
  switch (issue.code) {
    case 'too_big': {
      const limit = Number(issue.maximum)
      const actualValue = valueAt(input, issue.path)
      if (issue.origin === 'string') {
        const actual = typeof actualValue === 'string' ? actualValue.length : undefined
        return [{ path, code: 'too_long', limit, actual, message: `${actual} chars, at most ${limit} allowed` }]
      }
      if (issue.origin === 'array') {
        const actual = Array.isArray(actualValue) ? actualValue.length : undefined
        return [{ path, code: 'too_many', limit, actual, message: `${actual} items, at most ${limit} allowed` }]
      }
      return [{ path, code: 'too_big', limit, message: `must be at most ${limit}` }]
    }
    case 'too_small': {
      const limit = Number(issue.minimum)
      if (issue.origin === 'string')
        return limit <= 1
          ? [{ path, code: 'required', limit, actual: 0, message: 'must not be empty' }]
          : [{ path, code: 'too_short', limit, message: `at least ${limit} chars required` }]
      if (issue.origin === 'array')
        return [{ path, code: 'too_few', limit, actual: 0, message: `needs at least ${limit} item${limit === 1 ? '' : 's'}` }]
      return [{ path, code: 'too_small', limit, message: `must be at least ${limit}` }]
    }
    case 'invalid_type': {
      const got = valueAt(input, issue.path)
      if (got === undefined) return [{ path, code: 'required', message: `required (${issue.expected})` }]
      return [{ path, code: 'invalid_type', message: `expected ${issue.expected}, got ${describe(got)}` }]
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], code: 'unknown_field', message: 'unknown field' }))
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator
      const options = (issue as { options?: unknown[] }).options
      if (discriminator) {
        return [{
          path,
          code: 'invalid_value',
          message: `must be one of ${(options ?? []).map((o) => JSON.stringify(o)).join(', ')}`,
        }]
      }
      // A plain union: report the branch that got furthest (the one with the fewest issues).
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0]
      return best && best.length
        ? best.flatMap((inner) => convert({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, input, base))
        : [{ path, code: 'invalid_type', message: 'does not match any accepted shape' }]
    }
    case 'invalid_value':
      return [{ path, code: 'invalid_value', message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }]
    case 'invalid_format':
      return [{ path, code: 'invalid_format', message: issue.message === 'Invalid input' ? `invalid ${issue.format}` : issue.message }]
    case 'custom': {
      const params = (issue.params ?? {}) as { code?: string; limit?: number; actual?: number }
      const out: ValidationIssue = { path, code: params.code ?? 'invalid_value', message: issue.message }
      if (params.limit !== undefined) out.limit = params.limit
      if (params.actual !== undefined) out.actual = params.actual
      return [out]
    }
    default:
      return [{ path, code: issue.code, message: issue.message }]
  }
}

/**
 * Validates `input` against an internal schema and returns it typed, or throws `ValidationError`
 * listing every issue. `base` prefixes every path (a builder validating one card inside a message).
 */
export function validate<T>(
  schema: z.ZodMiniType<T>,
  input: unknown,
  options: { base?: Path; context?: string } = {},
): T {
  const result = z.safeParse(schema, input)
  if (result.success) return result.data
  const issues = result.error.issues.flatMap((issue) => convert(issue, input, options.base ?? []))
  throw new ValidationError(issues, { context: options.context })
}
