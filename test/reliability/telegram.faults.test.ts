import { runFaultMatrix } from './matrix.js'

runFaultMatrix('telegram')
