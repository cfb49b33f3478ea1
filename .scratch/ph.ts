import { seedEngine } from '../test/helpers.js'
const { engine } = await seedEngine()
const r = await engine.search({ q: '"en étroite coordination avec le Président"', mode: 'keyword' })
console.log(r.total, r.results.map((h) => [h.id, h.variants ?? null]))
