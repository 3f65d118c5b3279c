import { runFaultMatrix } from './matrix.js'

runFaultMatrix('twilio')
