import { runFaultMatrix } from './matrix.js'

runFaultMatrix('whatsapp')
