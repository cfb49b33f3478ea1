import { seedEngine } from '../test/helpers.js'
const { engine } = await seedEngine()
const q = process.argv[2]!
const r = await engine.search({ q, mode: 'keyword', k: 8 })
for (const h of r.results) console.log(h.rank, h.scores.keyword?.score, h.id, h.text.slice(0, 90).replace(/\n/g, ' '))
