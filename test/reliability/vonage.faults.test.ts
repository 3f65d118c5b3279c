import { runFaultMatrix } from './matrix.js'

runFaultMatrix('vonage')
