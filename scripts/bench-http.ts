// HTTP throughput of the real server on loopback under autocannon: requests/s and latency for keyword and hybrid
// queries at concurrency 1, 16 and 64, repeated (served from the answer cache) and all distinct (searched every
// time), each against GET /health (the server's own floor) measured in the same run, and the server's CPU time per
// request (all its processes), which depends less on what else loads the machine than requests/s does, and the
// bytes of an answer (headers included).
// With --workers 1,2 the whole table is measured for each WORKERS value, one server after the other. With --builds
// main,. the servers of two checkouts (each folder's src/cli/serve.ts and seeds/) are measured one after the other,
// --rounds times, alternating: a before → after pair in one run.
// Usage: node --import tsx scripts/bench-http.ts [--seconds 5] [--connections 1,16,64] [--workers 1,2] [--only uncached]
//   [--builds ../main,.] [--rounds 3]

import autocannon, { type Client, type Result } from 'autocannon'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { freeQueries } from './lib/queries.js'
import { startServer } from './lib/server.js'
import { table } from './lib/stats.js'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '1,16,64' },
    workers: { type: 'string', default: '' },
    only: { type: 'string', default: '' },
    builds: { type: 'string', default: '.' },
    rounds: { type: 'string', default: '1' },
  },
})
const seconds = Number(values.seconds)
const connectionCounts = values.connections.split(',').map(Number)
// No --workers: the server's own default (WORKERS unset).
const workerCounts = values.workers ? values.workers.split(',').map(Number) : [null]
const builds = values.builds.split(',')
const rounds = Number(values.rounds)

// The server keeps the last 512 answers: the 12 queries in rotation are answered from that cache once warm. The
// `uncached` rows send 12 × 400 distinct requests that do the same work (each query with 0–399 trailing spaces,
// which the query parser ignores), each connection starting at its own place in the list, so no answer is still in
// the cache when its request comes round again. The `page` rows ask for what the page asks for (`fields`, in
// src/server/ui/state.js): the hits without their scores and fusion explanations.
const PAGE_FIELDS = '&fields=text,variants,repaired'
const distinct = (mode: string, extra = '') =>
  Array.from({ length: 400 }, (_, i) => freeQueries.map((q) => `/search?mode=${mode}&q=${encodeURIComponent(q + ' '.repeat(i))}${extra}`)).flat()
const allPaths = {
  health: ['/health'],
  keyword: freeQueries.map((q) => `/search?mode=keyword&q=${encodeURIComponent(q)}`),
  hybrid: freeQueries.map((q) => `/search?q=${encodeURIComponent(q)}`),
  'keyword, uncached': distinct('keyword'),
  'keyword, uncached, page': distinct('keyword', PAGE_FIELDS),
  'hybrid, uncached': distinct('hybrid'),
  'hybrid, uncached, page': distinct('hybrid', PAGE_FIELDS),
}
// The floor is always measured; --only keeps the other rows whose name contains it.
const paths = Object.fromEntries(Object.entries(allPaths).filter(([name]) => name === 'health' || name.includes(values.only)))

/** CPU time (user + system, ms) of a process and all its descendants so far; null where /proc is not there. */
function cpuMs(pid: number): number | null {
  const tree = (p: number): number[] => {
    try {
      const children = readdirSync(`/proc/${p}/task`).flatMap((task) => readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').split(' ').filter(Boolean))
      return [p, ...children.map(Number).flatMap(tree)]
    } catch {
      return []
    }
  }
  const pids = tree(pid)
  if (pids.length === 0) return null
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses: user and system time in clock ticks
  // (100 a second on Linux).
  const ticks = pids.map((p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return Number(fields[11]) + Number(fields[12])
    } catch {
      return 0
    }
  })
  return ticks.reduce((sum, t) => sum + t, 0) * 10
}

const rows: string[][] = []
const runs = Array.from({ length: rounds }, (_, round) => workerCounts.flatMap((workers) => builds.map((build) => ({ round, workers, build })))).flat()
for (const { round, workers, build } of runs) {
  const indexDir = await mkdtemp(join(tmpdir(), 'bench-http-'))
  const server = await startServer({ indexDir, seedDir: join(build, 'seeds'), script: join(build, 'src/cli/serve.ts'), env: workers === null ? {} : { WORKERS: String(workers) } })
  try {
    await server.allServing()
    // Warm the JIT and the caches the way a running server would be, whichever rows --only keeps, with distinct
    // requests (a leading space: none of them is measured later): repeated ones are answered from the cache after
    // their first time, and the first row measured paid the search path's compilation (the server's CPU counts its
    // compiler threads).
    const warm = Array.from({ length: 100 }, (_, i) => freeQueries.flatMap((q) => ['keyword', 'hybrid'].map((mode) => ({ path: `/search?mode=${mode}&q=${encodeURIComponent(` ${q}${' '.repeat(i)}`)}` })))).flat()
    await autocannon({ url: server.url, connections: 4, duration: 3, requests: warm })
    for (const connections of connectionCounts) {
      const results: Record<string, Result & { cpu: number | null }> = {}
      for (const [name, list] of Object.entries(paths)) {
        const requests = list.map((path) => ({ path }))
        let client = 0
        const spread = (c: Client) => {
          const start = Math.floor(((client++ % connections) * requests.length) / connections)
          c.setRequests([...requests.slice(start), ...requests.slice(0, start)])
        }
        const before = cpuMs(server.child.pid!)
        const result = await autocannon({ url: server.url, connections, duration: seconds, timeout: 10, requests, setupClient: spread })
        const after = cpuMs(server.child.pid!)
        results[name] = { ...result, cpu: before === null || after === null ? null : after - before }
      }
      const floor = results.health!.requests.average
      for (const [name, r] of Object.entries(results)) {
        const failed = r.non2xx + r.errors + r.timeouts
        const cpu = r.cpu === null || r.requests.total === 0 ? 'n/a' : (r.cpu / r.requests.total).toFixed(2)
        const kb = r.requests.total === 0 ? 'n/a' : (r.throughput.total / r.requests.total / 1024).toFixed(1)
        const load = existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ')[0]! : 'n/a'
        rows.push([...(builds.length > 1 || rounds > 1 ? [build, String(round + 1), load] : []), String(workers ?? 'default'), name, String(connections), r.requests.average.toFixed(0), `${(r.requests.average / floor).toFixed(2)}×`, String(r.latency.p50), String(r.latency.p99), cpu, kb, String(r.requests.total), String(failed)])
      }
    }
  } finally {
    await server.stop()
    await rm(indexDir, { recursive: true, force: true })
  }
}
console.log(`HTTP on loopback (${seconds} s per row; the server and autocannon share the machine's cores; server CPU counts every process of the server)\n`)
console.log(table([...(builds.length > 1 || rounds > 1 ? ['build', 'round', 'load'] : []), 'WORKERS', 'endpoint', 'connections', 'req/s', 'vs /health', 'p50 ms', 'p99 ms', 'server CPU ms/request', 'KB/answer', 'requests', 'failed'], rows))
