// Package tests import the built files. CI builds before testing; locally, `npm test` builds
// once here when dist/ is missing or older than the sources.
import { ensureBuild } from '../scripts/lib/build.js'

export default function setup(): void {
  ensureBuild()
}
