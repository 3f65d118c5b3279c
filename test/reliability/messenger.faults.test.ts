import { runFaultMatrix } from './matrix.js'

runFaultMatrix('messenger')
