// Cold start: process start to the first answered query, with the index already on disk, served by tsx (transpiling
// on start) and by the compiled JavaScript of `npm run build`; against a bare `node -e 0` measured in the same run.
// Usage: node --import tsx scripts/bench-coldstart.ts [--runs 5]   (run `npm run build` first for the compiled row)

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openEngine } from '../src/search/open.js'
import { startServer, type ServerSpawn } from './lib/server.js'
import { ms, percentiles, table } from './lib/stats.js'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } })
const runs = Number(values.runs)

const indexDir = await mkdtemp(join(tmpdir(), 'bench-coldstart-'))
try {
  await openEngine({ seedDir: 'seeds', indexDir, model: null })
  const variants: Array<[string, Omit<ServerSpawn, 'indexDir'>]> = [['tsx (`npm start`)', {}]]
  if (existsSync('dist/cli/serve.js')) variants.push(['compiled (`npm run serve:dist`)', { nodeArgs: [], script: 'dist/cli/serve.js' }])
  else console.error('dist/cli/serve.js is missing: run `npm run build` to time the compiled server too.')
  const bare: number[] = []
  const timings = new Map<string, { ready: number[]; answered: number[] }>(variants.map(([name]) => [name, { ready: [], answered: [] }]))
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    spawnSync(process.execPath, ['-e', '0'])
    bare.push(performance.now() - started)
    for (const [name, spawn] of variants) {
      const begun = performance.now()
      const server = await startServer({ ...spawn, indexDir, timeoutMs: 30_000 })
      const response = await fetch(`${server.url}/search?q=${encodeURIComponent('protection des témoins')}`)
      if (response.status !== 200) throw new Error(`first query answered ${response.status}`)
      await response.json()
      timings.get(name)!.answered.push(performance.now() - begun)
      timings.get(name)!.ready.push(server.readyMs)
      await server.stop()
    }
  }
  const floor = percentiles(bare).p50
  const rows = [['bare `node -e 0`', '', ms(floor), '1.00×']]
  for (const [name, t] of timings) {
    const answered = percentiles(t.answered)
    rows.push([name, ms(percentiles(t.ready).p50), `${ms(answered.p50)} (max ${ms(Math.max(...t.answered))})`, `${(answered.p50 / floor).toFixed(1)}×`])
  }
  console.log(`Cold start with the seed index on disk, ${runs} runs each (median ms)\n`)
  console.log(table(['server', 'spawn → listening', 'spawn → first /search answered', 'vs bare node'], rows))
} finally {
  await rm(indexDir, { recursive: true, force: true })
}
