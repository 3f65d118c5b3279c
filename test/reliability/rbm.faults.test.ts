import { runFaultMatrix } from './matrix.js'

runFaultMatrix('rbm')
