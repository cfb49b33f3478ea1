// `npm start` with WORKERS=2 on a real port: two serving processes under one primary, which owns the pid file,
// swaps a rebuild into both together, replaces a worker that dies, keeps the in-flight cap per worker, and stops
// them all on SIGTERM.

import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alive, onItsOwnConnection } from '../helpers.js'

let work: string
let seedDir: string
let indexDir: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'serve-cluster-'))
  seedDir = join(work, 'seeds')
  indexDir = join(work, 'index')
  await cp('seeds', seedDir, { recursive: true })
})
afterAll(() => rm(work, { recursive: true, force: true }))

function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SEEDS_DIR: seedDir, INDEX_DIR: indexDir, EMBEDDING_MODEL: 'none', WORKERS: '2', ...extra }
  for (const name of ['HOST', 'CORS_ORIGIN', 'MAX_IN_FLIGHT', 'PID_FILE']) if (!(name in extra)) delete env[name]
  return env
}

interface Cluster {
  child: ChildProcess
  url: string
  output: () => string
}

/** Starts the server and resolves once both workers serve. */
function startCluster(env: NodeJS.ProcessEnv): Promise<Cluster> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the workers did not all start:\n${output}`)), 90_000)
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const match = /Search ready at (http:\/\/[^/]+)\//.exec(output)
      if (match && /2 worker processes serve/.test(output)) {
        clearTimeout(timer)
        resolve({ child, url: match[1]!, output: () => output })
      }
    })
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)))
  })
}

/** The worker processes of a primary (Linux): its children running serve.ts (tsx starts an esbuild child too). */
const childrenOf = (pid: number): number[] =>
  readdirSync(`/proc/${pid}/task`)
    .flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number))
    .filter((child) => {
      try {
        return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('serve.ts')
      } catch {
        return false
      }
    })

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** SIGTERM to the primary; resolves once it and every worker are gone. */
async function stopCluster(cluster: Cluster, workers: number[]): Promise<void> {
  const exited = new Promise((resolve) => cluster.child.once('exit', resolve))
  cluster.child.kill('SIGTERM')
  await exited
  await until(() => workers.every((pid) => !alive(pid)), 'every worker has exited', 15_000)
}

/** `total` of a /search, from many requests over several connections at once (so both workers answer). */
async function totals(url: string, q: string, requests = 24): Promise<number[]> {
  const one = async () => {
    const response = await fetch(`${url}/search?q=${encodeURIComponent(q)}&mode=keyword&k=${1 + Math.floor(Math.random() * 50)}`)
    expect(response.status).toBe(200)
    return ((await response.json()) as { total: number }).total
  }
  return Promise.all(Array.from({ length: requests }, one))
}

describe('npm start with two worker processes', () => {
  it('refuses WORKERS out of range with one clear message and exit code 2, before opening the index', async () => {
    const fresh = join(work, 'never-built')
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], { env: { ...environment({ WORKERS: '0' }), INDEX_DIR: fresh }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(2)
    expect(stderr).toMatch(/WORKERS must be from 1 to 64; got 0/)
    expect(existsSync(fresh)).toBe(false)
  })

  it('serves from two workers; a reload swaps both; a dead worker is replaced; SIGTERM stops them all', async () => {
    const env = environment()
    const cluster = await startCluster(env)
    const primary = cluster.child.pid!
    const pidFile = join(indexDir, 'server.pid')
    let workers = childrenOf(primary)
    try {
      expect(cluster.output()).toMatch(/Workers: 1 of 2 serving/)
      expect(workers).toHaveLength(2)
      // The pid file names the primary: `npm run reload` reaches it, not a worker.
      expect(Number((await readFile(pidFile, 'utf8')).trim())).toBe(primary)
      const phrase = '"Royaume de Thaïlande"'
      expect(new Set(await totals(cluster.url, phrase))).toEqual(new Set([0]))

      const file = join(seedDir, '004_af4c96732193f7cc.txt')
      await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
      const reload = spawn('npm', ['run', 'reload', '--silent'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      let said = ''
      reload.stdout.setEncoding('utf8').on('data', (chunk: string) => (said += chunk))
      expect(await new Promise((resolve) => reload.on('close', resolve))).toBe(0)
      expect(said).toMatch(/Reloaded: the server now serves build \S+\./)
      // Both workers serve the new build as soon as the reload says so: no answer from the old one.
      expect(new Set(await totals(cluster.url, phrase))).toEqual(new Set([1]))

      // A worker killed outright (its open connections die with it): the primary starts a replacement.
      process.kill(workers[0]!, 'SIGKILL')
      await until(() => new RegExp(`Worker \\d+ serves in place of ${workers[0]}\\.`).test(cluster.output()), 'a replacement worker serves')
      expect(cluster.output()).toMatch(new RegExp(`Worker ${workers[0]} exited \\(SIGKILL\\); starting another\\.`))
      workers = childrenOf(primary)
      expect(workers).toHaveLength(2)
      // The replacement serves the build served now, not the one the server started with.
      expect(new Set(await totals(cluster.url, phrase))).toEqual(new Set([1]))
    } finally {
      await stopCluster(cluster, workers)
    }
    expect(alive(primary)).toBe(false)
    expect(existsSync(pidFile)).toBe(false)
  }, 120_000)

  it('answers 503 with Retry-After past MAX_IN_FLIGHT=1 in each worker, and serves again after', async () => {
    const cluster = await startCluster(environment({ MAX_IN_FLIGHT: '1' }))
    const workers = childrenOf(cluster.child.pid!)
    try {
      const statuses: number[] = []
      for (let burst = 0; burst < 5 && !statuses.includes(503); burst++) {
        const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => onItsOwnConnection(`${cluster.url}/search?q=${encodeURIComponent(`trafic migrants ${burst} ${i}`)}&k=5`)))
        for (const { status, retryAfter } of answers) {
          statuses.push(status)
          if (status === 503) expect(retryAfter).toBe('1')
        }
      }
      expect(statuses).toContain(503)
      expect(statuses).toContain(200)
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true)
      expect((await fetch(`${cluster.url}/search?q=trafic`)).status).toBe(200)
    } finally {
      await stopCluster(cluster, workers)
    }
  }, 60_000)
})
