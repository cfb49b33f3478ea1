import { writeSyntheticSeeds } from '../scripts/lib/synthetic.js'
const [dir, n] = process.argv.slice(2)
console.log(await writeSyntheticSeeds(dir!, Number(n)))
