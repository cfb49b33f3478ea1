import { seedEngine } from '../test/helpers.js'
const { engine } = await seedEngine()
for (const id of ['003_b17467f420381ed3.p2', '003_b17467f420381ed3.p4', '003_b17467f420381ed3.p5', '003_b17467f420381ed3.p6']) console.log(id, engine.variants.groupOf(id)?.members ?? null, engine.passage(id)?.passage.text.slice(0, 120))
console.log(engine.variants.groupOf('003_b17467f420381ed3.p3'))
