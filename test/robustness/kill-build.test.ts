// SIGKILL the indexer at random points of a build, again and again: the index on disk is always the last good
// build, whole, and the engine opens it; a half-written build is never read.

import { spawn } from 'node:child_process'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/search/open.js'
import { readIndex } from '../../src/index/store.js'

const KILLS = 20
const child = 'test/fixtures/robustness/build-child.ts'

let work: string
let seedDir: string
let indexDir: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kill-build-'))
  seedDir = join(work, 'seeds')
  indexDir = join(work, 'index')
  await cp('seeds', seedDir, { recursive: true })
  await openEngine({ seedDir, indexDir, build: 'always', model: null })
})
afterAll(() => rm(work, { recursive: true, force: true }))

// Deterministic delays (a fixed-seed generator), so a failure can be replayed.
let state = 12345
const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32)

/** Starts a build and kills it `delayMs` after it reaches `stage`; resolves with the stages it printed. */
function buildAndKill(stage: string, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, ['--import', 'tsx', child, seedDir, indexDir], { stdio: ['ignore', 'pipe', 'pipe'] })
    const seen: string[] = []
    let errors = ''
    build.stderr.on('data', (data) => (errors += data))
    build.stdout.setEncoding('utf8').on('data', (data: string) => {
      for (const line of data.split('\n').filter(Boolean)) {
        seen.push(line)
        if (line === stage) setTimeout(() => build.kill('SIGKILL'), delayMs)
      }
    })
    build.on('error', reject)
    build.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`the build failed on its own (${code}): ${errors}`))
      else resolve(seen)
    })
  })
}

/** Everything a server would do with the index on disk: read CURRENT, check every file, open the engine, search. */
async function expectWholeIndex(): Promise<string> {
  const index = await readIndex(indexDir)
  for (const name of Object.keys(index.manifest.files)) await index.read(name)
  const { engine, manifest } = await openEngine({ seedDir, indexDir, build: 'never', model: null })
  expect(manifest.passages).toBe(301)
  const response = await engine.search({ q: 'geler et confisquer', mode: 'keyword' })
  expect(response.results.length).toBeGreaterThan(0)
  return manifest.buildId
}

describe(`killing the indexer ${KILLS} times`, () => {
  it('always leaves the last good build readable, whole and searchable', async () => {
    const builds = new Set([await expectWholeIndex()])
    // The stages a build goes through, from one left to finish: a build of an unchanged corpus takes a fraction of a
    // second, so a kill aimed at a random time after its start would mostly come after its end.
    const stages = (await buildAndKill('no such stage', 0)).filter((stage) => stage !== 'done')
    expect(stages.length).toBeGreaterThan(3)
    const reached: string[] = []
    for (let kill = 0; kill < KILLS; kill++) {
      // Half the kills early in each stage in turn, half within the few milliseconds of writing and swapping.
      const [stage, delay] = kill % 2 === 0 ? [stages[(kill / 2) % stages.length]!, random() * 20] : ['write', random() * 40]
      const seen = await buildAndKill(stage, delay)
      reached.push(seen.at(-1) ?? 'nothing')
      builds.add(await expectWholeIndex())
    }
    // The kills landed at different stages of the build, the write and swap among them.
    expect(new Set(reached).size).toBeGreaterThan(2)
    // A last kill may leave the orphan of a build renamed but never made live; the next good build clears it.
    await openEngine({ seedDir, indexDir, build: 'always', model: null })
    const finished = (await readdir(join(indexDir, 'builds'))).filter((entry) => !entry.startsWith('.'))
    expect(finished.length).toBeLessThanOrEqual(2)
  }, 300_000)
})
