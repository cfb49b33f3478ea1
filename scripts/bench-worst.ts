// The slowest queries we can construct (see scripts/lib/hostile.ts), timed on the seeds or a synthetic corpus, after
// the warm-up the server runs before it listens (it builds the structures any first search would otherwise build).
// Usage: node --import tsx scripts/bench-worst.ts [--passages N | --seeds DIR --index DIR]   (default: the seeds)

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openEngine } from '../src/search/open.js'
import { warmUp } from '../src/search/warm-up.js'
import type { SearchMode } from '../src/types.js'
import { worstQueries } from './lib/hostile.js'
import { ms, table } from './lib/stats.js'
import { randomEmbedder, writeSyntheticSeeds } from './lib/synthetic.js'

const { values } = parseArgs({ options: { passages: { type: 'string' }, seeds: { type: 'string' }, index: { type: 'string' } } })
const work = await mkdtemp(join(tmpdir(), 'bench-worst-'))
try {
  let seedDir = values.seeds ?? 'seeds'
  if (values.passages) {
    seedDir = join(work, 'seeds')
    await writeSyntheticSeeds(seedDir, Number(values.passages))
  }
  const indexDir = values.index ?? join(work, 'index')
  const { engine } = await openEngine({ seedDir, indexDir, model: null, embedder: seedDir === 'seeds' ? null : randomEmbedder() })
  await warmUp(engine)
  const vocabulary = [...new Set(engine.passages.slice(0, 2000).flatMap((p) => p.text.match(/\p{L}+/gu) ?? []))]
  const rows: string[][] = []
  for (const { name, q } of worstQueries(vocabulary)) {
    const row = [name, String(q.length)]
    for (const mode of ['keyword', 'hybrid'] as SearchMode[]) {
      const started = performance.now()
      const cpu = process.cpuUsage()
      let outcome: string
      try {
        const response = await engine.search({ q, mode })
        outcome = `${response.total} hits${(response as { notes?: string[] }).notes?.length ? ', noted' : ''}`
      } catch (error) {
        outcome = (error as { code?: string }).code ?? 'error'
      }
      const { user, system } = process.cpuUsage(cpu)
      row.push(`${ms(performance.now() - started)} / ${ms((user + system) / 1000)} (${outcome})`)
    }
    rows.push(row)
  }
  console.log(`${engine.passages.length} passages\n`)
  console.log(table(['worst case', 'chars', 'keyword ms, wall / CPU', 'hybrid ms, wall / CPU'], rows))
} finally {
  await rm(work, { recursive: true, force: true })
}
