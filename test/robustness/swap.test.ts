// Swapping the index under load: a rebuild by another process is picked up while requests keep coming, and not one
// of them fails. (The 20 000-request version is `npm run bench:swap`.)

import { spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/search/open.js'
import { createApp } from '../../src/server/app.js'
import { serverLimits } from '../../src/server/guard.js'
import { LiveEngine } from '../../src/server/reload.js'

let work: string
let seedDir: string
let indexDir: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'swap-'))
  seedDir = join(work, 'seeds')
  indexDir = join(work, 'index')
  await cp('seeds', seedDir, { recursive: true })
})
afterAll(() => rm(work, { recursive: true, force: true }))

/** `npm run index` in another process, as an operator would run it. */
function indexInAnotherProcess(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', '--seeds', seedDir, '--out', indexDir], { stdio: 'ignore' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the indexer exited with ${code}`))))
  })
}

const queries = ['trafic', 'protection des témoins', '"geler et confisquer"', 'witness protection', 'Royaume de Thaïlande']

describe('a rebuild and swap under load', () => {
  it('fails no request, and serves the new index once it is built', async () => {
    const load = () => openEngine({ seedDir, indexDir, model: null, build: 'never' })
    await openEngine({ seedDir, indexDir, model: null })
    const live = new LiveEngine(await load(), { indexDir, load, rebuild: indexInAnotherProcess })
    const before = live.manifest.buildId
    const stopWatching = live.watch(50)
    const app = createApp(() => live.engine)
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0, serverOptions: serverLimits }, () => resolve(s))
    })
    const { port } = server.address() as { port: number }
    try {
      // The seed changes, then another process rebuilds while 16 clients keep asking.
      const file = join(seedDir, '004_af4c96732193f7cc.txt')
      await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
      const rebuilt = indexInAnotherProcess()
      let done = false
      let sent = 0
      let beforeSwap = 0
      let afterSwap = 0
      const failures: string[] = []
      const client = async (c: number) => {
        while (!done && sent < 20_000) {
          const i = sent++
          const path = `/search?q=${encodeURIComponent(queries[i % queries.length]!)}&k=${1 + ((i + c) % 10)}`
          try {
            const response = await fetch(`http://127.0.0.1:${port}${path}`)
            const body = (await response.json()) as { results?: unknown[] }
            if (response.status !== 200 || !Array.isArray(body.results)) failures.push(`${response.status} ${path}`)
          } catch (error) {
            failures.push(`${(error as Error).message} ${path}`)
          }
          if (live.manifest.buildId === before) beforeSwap++
          else if (++afterSwap >= 500) done = true
        }
      }
      await Promise.all([...Array.from({ length: 16 }, (_, c) => client(c)), rebuilt])
      expect(failures).toEqual([])
      expect(live.manifest.buildId).not.toBe(before)
      // Requests were answered by the old build while the new one was written, then 500 by the new one:
      // counts of requests, not of time, so a slow machine changes nothing.
      expect(beforeSwap).toBeGreaterThanOrEqual(16)
      expect(afterSwap).toBeGreaterThanOrEqual(500)
      const found = (await (await fetch(`http://127.0.0.1:${port}/search?q=${encodeURIComponent('"Royaume de Thaïlande"')}`)).json()) as { total: number }
      expect(found.total).toBe(1)
    } finally {
      stopWatching()
      await new Promise((resolve) => server.close(resolve))
    }
  }, 60_000)

  it('keeps serving the live index when a reload fails', async () => {
    const lines: string[] = []
    const opened = await openEngine({ seedDir, indexDir, model: null })
    const live = new LiveEngine(opened, {
      indexDir,
      load: () => openEngine({ seedDir, indexDir: join(work, 'nowhere'), model: null, build: 'never' }),
      rebuild: () => Promise.reject(new Error('no disk left')),
      log: (line) => lines.push(line),
    })
    expect(await live.refresh()).toBe('failed')
    expect(await live.rebuild()).toBe('failed')
    expect(live.engine).toBe(opened.engine)
    expect(lines.join('\n')).toMatch(/still serving build .*no index in/i)
    expect(lines.join('\n')).toMatch(/no disk left/)
  })

  it('prepares a new build (the server warms it up) before serving it, and only a new one', async () => {
    const opened = await openEngine({ seedDir, indexDir, model: null })
    const otherDir = join(work, 'other-index')
    await openEngine({ seedDir, indexDir: otherDir, model: null })
    const prepared: string[] = []
    let servedWhilePreparing: unknown = null
    const live = new LiveEngine(opened, {
      indexDir,
      load: () => openEngine({ seedDir, indexDir: otherDir, model: null, build: 'never' }),
      rebuild: () => Promise.resolve(),
      prepare: async (loaded) => {
        prepared.push(loaded.manifest.buildId)
        servedWhilePreparing = live.engine
      },
    })
    expect(await live.refresh()).toBe('swapped')
    expect(servedWhilePreparing).toBe(opened.engine)
    expect(prepared).toEqual([live.manifest.buildId])
    expect(live.engine).not.toBe(opened.engine)
    expect(await live.refresh()).toBe('unchanged')
    expect(prepared).toHaveLength(1)
  }, 60_000)
})
