// Loads the provider contracts from ../shared/provider-contracts (JSON Schema 2020-12 bundles) and
// turns them into validators for the driver contract suite, as that folder's README prescribes.
import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

export const CONTRACTS = new URL('../../../../shared/provider-contracts/', import.meta.url)

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)
const loaded = new Set<string>()

/** Reads a JSON file from a provider's folder. */
export function contractFile<T = unknown>(dir: string, file: string): T {
  return JSON.parse(readFileSync(new URL(`${dir}/${file}`, CONTRACTS), 'utf8')) as T
}

/** A validator for `<provider>/schemas.json#/$defs/<name>`: returns one line per problem. */
export function schemaValidator(dir: string, name: string, file = 'schemas.json'): (value: unknown) => string[] {
  const bundle = contractFile<{ $id: string }>(dir, file)
  if (!loaded.has(bundle.$id)) {
    ajv.addSchema(bundle)
    loaded.add(bundle.$id)
  }
  const validate = ajv.getSchema(`${bundle.$id}#/$defs/${name}`)
  if (!validate) throw new Error(`no schema ${bundle.$id}#/$defs/${name}`)
  return (value) => {
    if (validate(value)) return []
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
  }
}

/** The error examples of a provider (`examples/error-responses.json`). */
export function errorExamples(dir: string): Record<string, { status: number; body: unknown; headers?: Record<string, string> }> {
  return contractFile<{ examples: Record<string, { status: number; body: unknown; headers?: Record<string, string> }> }>(dir, 'examples/error-responses.json').examples
}
