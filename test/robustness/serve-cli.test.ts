// The real `npm start` process: it checks its settings before opening anything, listens on loopback unless told
// otherwise, `npm run reload` reaches the server through its pid file (never the npm process around it) and swaps in
// a rebuild of changed seeds, and the in-flight cap answers 503 under a real burst of connections.

import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alive, onItsOwnConnection } from '../helpers.js'

let work: string
let seedDir: string
let indexDir: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'serve-cli-'))
  seedDir = join(work, 'seeds')
  indexDir = join(work, 'index')
  await cp('seeds', seedDir, { recursive: true })
})
afterAll(() => rm(work, { recursive: true, force: true }))

function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SEEDS_DIR: seedDir, INDEX_DIR: indexDir, EMBEDDING_MODEL: 'none', ...extra }
  for (const name of ['HOST', 'CORS_ORIGIN', 'MAX_IN_FLIGHT', 'PID_FILE', 'INDEX_BUILD']) if (!(name in extra)) delete env[name]
  return env
}

/** Runs a command to its end: exit code and output. */
function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }))
  })
}

/** Starts a server (`npm start`, or node directly) and resolves with its address once it is ready. */
function startServer(env: NodeJS.ProcessEnv, via: 'npm' | 'node' = 'node'): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child =
    via === 'npm'
      ? spawn('npm', ['start', '--silent'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const match = /Search ready at (http:\/\/[^/]+)\//.exec(output)
      if (match) resolve({ child, url: match[1]!, output: () => output })
    })
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)))
  })
}

/** Stops a server and waits until its process (and, through npm, the node process under it) is gone. */
async function stop(child: ChildProcess, serverPid: number | null): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
  for (let i = 0; i < 300 && serverPid !== null && alive(serverPid); i++) await new Promise((resolve) => setTimeout(resolve, 50))
  if (serverPid !== null && alive(serverPid)) throw new Error(`the server (pid ${serverPid}) is still running after SIGTERM`)
}

describe('npm start checks its settings first', () => {
  it('refuses a bad CORS_ORIGIN and MAX_IN_FLIGHT with one clear message and exit code 2, before opening the index', async () => {
    const fresh = join(work, 'never-built')
    const { code, stderr } = await runToEnd(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], {
      ...environment({ CORS_ORIGIN: '*', MAX_IN_FLIGHT: 'many' }),
      INDEX_DIR: fresh,
    })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error: the server's settings are wrong; nothing was started\./)
    expect(stderr).toMatch(/CORS_ORIGIN must be one origin such as https:\/\/example\.org .*got "\*"/)
    expect(stderr).toMatch(/MAX_IN_FLIGHT must be a whole number from 1 to 100000; got "many"/)
    expect(stderr).not.toMatch(/\n\s+at /)
    // Nothing was opened or built.
    expect(existsSync(fresh)).toBe(false)
  })

  it('refuses a PORT out of range the same way', async () => {
    const { code, stderr } = await runToEnd(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], environment({ PORT: '70000' }))
    expect(code).toBe(2)
    expect(stderr).toMatch(/PORT must be from 0 to 65535; got 70000/)
  })
})

describe('npm start and npm run reload', () => {
  it('listens on 127.0.0.1 by default; npm run reload makes the server (not npm) rebuild changed seeds and swap them in', async () => {
    const env = environment()
    const { child, url } = await startServer(env, 'npm')
    const pidFile = join(indexDir, 'server.pid')
    const serverPid = Number((await readFile(pidFile, 'utf8')).trim())
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      // The pid file names the server itself, not the npm process the user started.
      expect(serverPid).not.toBe(child.pid)
      const health = async () => (await (await fetch(`${url}/health`)).json()) as { corpusHash: string }
      const before = (await health()).corpusHash
      const count = async () => ((await (await fetch(`${url}/search?q=${encodeURIComponent('"Royaume de Thaïlande"')}`)).json()) as { total: number }).total
      expect(await count()).toBe(0)

      const unchanged = await runToEnd('npm', ['run', 'reload', '--silent'], env)
      expect(unchanged.code).toBe(0)
      expect(unchanged.stdout).toMatch(/Nothing to reload: the seeds have not changed/)

      const file = join(seedDir, '004_af4c96732193f7cc.txt')
      await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
      const reloaded = await runToEnd('npm', ['run', 'reload', '--silent'], env)
      expect(reloaded.stderr).toMatch(new RegExp(`Asked the server \\(pid ${serverPid}\\) to reload`))
      expect(reloaded.code).toBe(0)
      expect(reloaded.stdout).toMatch(/Reloaded: the server now serves build \S+\./)
      // Answered at once: the swap is done when the command returns.
      expect((await health()).corpusHash).not.toBe(before)
      expect(await count()).toBe(1)
      // npm, the process the user sees, is still there and still owns the server.
      expect(alive(child.pid!)).toBe(true)
      expect(child.exitCode).toBeNull()
    } finally {
      await stop(child, serverPid)
    }
    expect(alive(serverPid)).toBe(false)
    // A server that stopped leaves no pid file behind.
    expect(existsSync(pidFile)).toBe(false)
  }, 120_000)

  it('npm run reload with no server running says so and exits 1', async () => {
    const { code, stderr } = await runToEnd('npm', ['run', 'reload', '--silent'], environment())
    expect(stderr).toMatch(/no server is running from .* start one with npm start/)
    expect(code).toBe(1)
  })
})

describe('npm start listens before it warms up', () => {
  it('answers a search sent as soon as it says it is ready before its warm-up ends, and the same once warmed up', async () => {
    const { child, url, output } = await startServer(environment())
    try {
      // Said once the index is open; the warm-up comes after and says when it is done.
      expect(output()).toMatch(/started in \d+ ms \(warming up while it serves/)
      // A different page size after the warm-up, so that the server's answer cache does not answer it.
      const search = async (k: number) => {
        const response = await fetch(`${url}/search?q=${encodeURIComponent('protection des témoins')}&mode=hybrid&k=${k}`)
        const answer = (await response.json()) as { total: number; results: Array<{ id: string; score: number }> }
        return { status: response.status, total: answer.total, results: answer.results.slice(0, 5) }
      }
      const first = await search(5)
      // Answered between the warm-up's steps, before its end.
      expect(output()).not.toMatch(/Warmed up: /)
      expect(first.status).toBe(200)
      expect(first.results.length).toBe(5)
      for (let i = 0; i < 600 && !/Warmed up: \d+ searches/.test(output()); i++) await new Promise((resolve) => setTimeout(resolve, 100))
      expect(Number(/Warmed up: (\d+) searches/.exec(output())?.[1])).toBeGreaterThan(0)
      expect(await search(6)).toEqual(first)
    } finally {
      await stop(child, child.pid!)
    }
  }, 120_000)
})

describe('the in-flight cap on a real server', () => {
  it('answers 503 with Retry-After to a burst of 100 connections past MAX_IN_FLIGHT=1, and serves again after', async () => {
    const { child, url } = await startServer(environment({ MAX_IN_FLIGHT: '1' }))
    const serverPid = child.pid!
    try {
      const statuses: number[] = []
      const refusals: Array<{ retryAfter: string | undefined; body: string }> = []
      // Distinct queries, so none is answered from the cache, each on a connection of its own (none kept alive into
      // the next burst, where a socket the server closed meanwhile would fail the request). A few bursts at most.
      for (let burst = 0; burst < 5 && refusals.length === 0; burst++) {
        const answers = await Promise.all(
          Array.from({ length: 100 }, (_, i) => onItsOwnConnection(`${url}/search?q=${encodeURIComponent(`trafic migrants ${burst} ${i}`)}&k=5`)),
        )
        for (const answer of answers) {
          statuses.push(answer.status)
          if (answer.status === 503) refusals.push(answer)
        }
      }
      expect(refusals.length).toBeGreaterThan(0)
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0)
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true)
      expect(refusals[0]!.retryAfter).toBe('1')
      expect(JSON.parse(refusals[0]!.body).error).toMatchObject({ code: 'OVERLOADED', message: expect.stringMatching(/retry in 1 s/) })
      expect((await fetch(`${url}/search?q=trafic`)).status).toBe(200)
    } finally {
      await stop(child, serverPid)
    }
  }, 60_000)
})

describe('a read replica (INDEX_BUILD=never)', () => {
  it('serves an index folder copied elsewhere without a corpus folder, answers SIGHUP by reloading only, and refuses to start with no index', async () => {
    // The building machine: the index built from the seeds.
    const built = await runToEnd(process.execPath, ['--import', 'tsx', 'src/cli/index.ts'], environment())
    expect(built.code, built.stderr).toBe(0)
    // The replica: the index folder alone, and a corpus folder that does not exist (a rebuild would find no report).
    const replicaIndex = join(work, 'replica-index')
    await cp(indexDir, replicaIndex, { recursive: true })
    const replica = environment({ INDEX_DIR: replicaIndex, SEEDS_DIR: join(work, 'no-corpus-here'), INDEX_BUILD: 'never' })
    const { child, url, output } = await startServer(replica)
    try {
      expect(output()).not.toMatch(/Building the index/)
      // The ready lines are written one after the other: the last may come after the line startServer waits for.
      for (let i = 0; i < 100 && !/Read replica/.test(output()); i++) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(output()).toMatch(/Read replica \(INDEX_BUILD=never\)/)
      const answer = (await (await fetch(`${url}/search?q=${encodeURIComponent('protection des témoins')}&mode=keyword`)).json()) as { total: number }
      expect(answer.total).toBeGreaterThan(0)
      const before = (await (await fetch(`${url}/health`)).json()) as Record<string, unknown>
      expect(before.indexBuiltAt).toEqual(expect.any(String))
      child.kill('SIGHUP')
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(output()).not.toMatch(/Building the index|rebuild failed/)
      expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ indexBuiltAt: before.indexBuiltAt })
    } finally {
      await stop(child, child.pid!)
    }
    // No index: a clear refusal, not a build from the (missing) corpus folder.
    const empty = await runToEnd(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], { ...replica, INDEX_DIR: join(work, 'no-index-here') })
    expect(empty.code).not.toBe(0)
    expect(empty.stderr).toMatch(/No index in .*no-index-here/)
    expect(existsSync(join(work, 'no-index-here'))).toBe(false)
  }, 180_000)

  it('refuses an INDEX_BUILD it does not know with one clear message and exit code 2', async () => {
    const { code, stderr } = await runToEnd(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], environment({ INDEX_BUILD: 'sometimes' }))
    expect(code).toBe(2)
    expect(stderr).toMatch(/INDEX_BUILD must be if-needed .* or never .*; got "sometimes"\./)
  }, 60_000)
})
