import { ValidationError } from '../../src/errors.js'

/** Runs `fn` and returns the `ValidationError` it throws; fails the test when it throws nothing or something else. */
export function thrownValidation(fn: () => unknown): ValidationError {
  try {
    fn()
  } catch (e) {
    if (ValidationError.isInstance(e)) return e
    throw e
  }
  throw new Error('expected a ValidationError')
}
