import { buildIndex } from '../src/index/build.js'
import { randomEmbedder } from '../scripts/lib/synthetic.js'
const [seedDir, indexDir] = process.argv.slice(2)
const t = performance.now()
let last = ''
const stageStart: Record<string, number> = {}
const built = await buildIndex({ seedDir: seedDir!, indexDir: indexDir!, embedder: randomEmbedder(), modelRequested: 'random-unit-384', onProgress: (name, done, total) => {
  if (name !== last) { stageStart[name] = performance.now(); last = name }
  if (done >= total) console.log(name, ((performance.now() - stageStart[name]!) / 1000).toFixed(1), 's')
} })
console.log('total', ((performance.now() - t) / 1000).toFixed(1), 's', 'peak', (process.resourceUsage().maxRSS / 1024).toFixed(0), 'MB', Object.fromEntries(Object.entries(built.files).map(([k, v]) => [k, (v.bytes / 1e6).toFixed(1)])))
