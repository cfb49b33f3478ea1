// 20 000 requests at concurrency 64 against the real server while its index is rebuilt and swapped twice: once by
// SIGHUP (the server rebuilds in a child process) and once by `npm run index` from outside. Counts failed requests.
// Usage: node --import tsx scripts/bench-swap.ts [--amount 20000] [--connections 64]

import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { freeQueries } from './lib/queries.js'
import { startServer } from './lib/server.js'
import { table } from './lib/stats.js'

const { values } = parseArgs({ options: { amount: { type: 'string', default: '20000' }, connections: { type: 'string', default: '64' } } })
const amount = Number(values.amount)
const connections = Number(values.connections)

const work = await mkdtemp(join(tmpdir(), 'bench-swap-'))
const seedDir = join(work, 'seeds')
const indexDir = join(work, 'index')
await cp('seeds', seedDir, { recursive: true })
const server = await startServer({ seedDir, indexDir })
const health = async () => (await (await fetch(`${server.url}/health`)).json()) as { indexBuiltAt: string; corpusHash: string; passages: number }
const seed = join(seedDir, '004_af4c96732193f7cc.txt')
const editSeed = async (from: string, to: string) => writeFile(seed, (await readFile(seed, 'utf8')).replace(from, to))
const waitForNewBuild = async (builtAt: string) => {
  for (let i = 0; i < 600 && (await health()).indexBuiltAt === builtAt; i++) await new Promise((r) => setTimeout(r, 100))
}

try {
  // A mix of cached and uncached answers: the k parameter varies, so most requests miss the cache.
  const requests = freeQueries.flatMap((q) => [1, 3, 5, 10].map((k) => ({ path: `/search?q=${encodeURIComponent(q)}&k=${k}` })))
  requests.push({ path: `/search?q=${encodeURIComponent('"Royaume de Thaïlande"')}&mode=keyword` })
  const start = await health()
  const swaps: string[] = []
  const started = performance.now()
  const running = autocannon({ url: server.url, connections, amount, timeout: 30, requests })
  const swapping = (async () => {
    await new Promise((r) => setTimeout(r, 1000))
    await editSeed('La Thaïlande', 'Le Royaume de Thaïlande')
    server.child.kill('SIGHUP')
    await waitForNewBuild(start.indexBuiltAt)
    swaps.push(`SIGHUP rebuild swapped in at ${((performance.now() - started) / 1000).toFixed(1)} s`)
    const middle = await health()
    await editSeed('Le Royaume de Thaïlande', 'La Thaïlande')
    await new Promise<void>((resolve, reject) =>
      spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', '--seeds', seedDir, '--out', indexDir], { stdio: 'ignore' }).on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`npm run index exited with ${code}`)),
      ),
    )
    await waitForNewBuild(middle.indexBuiltAt)
    swaps.push(`external \`npm run index\` swapped in at ${((performance.now() - started) / 1000).toFixed(1)} s`)
  })()
  const [result] = await Promise.all([running, swapping])
  const end = await health()
  console.log(`${amount} requests at concurrency ${connections} on loopback, during two index swaps:\n- ${swaps.join('\n- ')}\n- load finished at ${result.duration.toFixed(1)} s\n`)
  console.log(
    table(
      ['requests', '2xx', 'non-2xx', 'errors', 'timeouts', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'index builds served'],
      [[result.requests.total, result['2xx'], result.non2xx, result.errors, result.timeouts, result.requests.average.toFixed(0), result.latency.p50, result.latency.p99, result.latency.max, `${swaps.length + 1}`]],
    ),
  )
  const failed = result.non2xx + result.errors + result.timeouts
  if (failed > 0 || swaps.length < 2 || result.requests.total < amount) process.exitCode = 1
} finally {
  await server.stop()
  await rm(work, { recursive: true, force: true })
}
