import { runFaultMatrix } from './matrix.js'

runFaultMatrix('line')
