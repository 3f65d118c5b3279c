import { render } from '../dist/index.js'
const m = JSON.parse(process.argv[2])
const t = performance.now(); let n = 0
while (performance.now() - t < 4000) { render(m, 'sms'); n++ }
console.log(n / 4)
