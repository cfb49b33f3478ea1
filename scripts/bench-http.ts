// HTTP throughput of the real server on loopback under autocannon: requests/s and latency for keyword and hybrid
// queries at concurrency 1, 16 and 64, repeated (served from the answer cache) and all distinct (searched every
// time), each against GET /health (the server's own floor) measured in the same run.
// Usage: node --import tsx scripts/bench-http.ts [--seconds 5] [--connections 1,16,64]

import autocannon, { type Client, type Result } from 'autocannon'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { freeQueries } from './lib/queries.js'
import { startServer } from './lib/server.js'
import { table } from './lib/stats.js'

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '1,16,64' } } })
const seconds = Number(values.seconds)
const connectionCounts = values.connections.split(',').map(Number)

// The server keeps the last 512 answers: the 12 queries in rotation are answered from that cache once warm. The
// `uncached` rows send 12 × 400 distinct requests that do the same work (each query with 0–399 trailing spaces,
// which the query parser ignores), each connection starting at its own place in the list, so no answer is still in
// the cache when its request comes round again.
const distinct = (mode: string) =>
  Array.from({ length: 400 }, (_, i) => freeQueries.map((q) => `/search?mode=${mode}&q=${encodeURIComponent(q + ' '.repeat(i))}`)).flat()
const paths = {
  health: ['/health'],
  keyword: freeQueries.map((q) => `/search?mode=keyword&q=${encodeURIComponent(q)}`),
  hybrid: freeQueries.map((q) => `/search?q=${encodeURIComponent(q)}`),
  'keyword, uncached': distinct('keyword'),
  'hybrid, uncached': distinct('hybrid'),
}

const indexDir = await mkdtemp(join(tmpdir(), 'bench-http-'))
const server = await startServer({ indexDir })
try {
  // Warm the JIT and the caches the way a running server would be.
  await autocannon({ url: server.url, connections: 4, duration: 2, requests: paths.hybrid.map((path) => ({ path })) })
  const rows: string[][] = []
  for (const connections of connectionCounts) {
    const results: Record<string, Result> = {}
    for (const [name, list] of Object.entries(paths)) {
      const requests = list.map((path) => ({ path }))
      let client = 0
      const spread = (c: Client) => {
        const start = Math.floor(((client++ % connections) * requests.length) / connections)
        c.setRequests([...requests.slice(start), ...requests.slice(0, start)])
      }
      results[name] = await autocannon({ url: server.url, connections, duration: seconds, timeout: 10, requests, setupClient: spread })
    }
    const floor = results.health!.requests.average
    for (const [name, r] of Object.entries(results)) {
      const failed = r.non2xx + r.errors + r.timeouts
      rows.push([name, String(connections), r.requests.average.toFixed(0), `${(r.requests.average / floor).toFixed(2)}×`, String(r.latency.p50), String(r.latency.p99), String(r.requests.total), String(failed)])
    }
  }
  console.log(`HTTP on loopback (${seconds} s per row; server and autocannon share the machine's two cores)\n`)
  console.log(table(['endpoint', 'connections', 'req/s', 'vs /health', 'p50 ms', 'p99 ms', 'requests', 'failed'], rows))
} finally {
  await server.stop()
  await rm(indexDir, { recursive: true, force: true })
}
