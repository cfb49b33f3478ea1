// The real `npm start` process: it listens on loopback unless told otherwise, and SIGHUP rebuilds a changed corpus
// in a child process and swaps it in while the server keeps answering.

import { spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let work: string
let seedDir: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'serve-cli-'))
  seedDir = join(work, 'seeds')
  await cp('seeds', seedDir, { recursive: true })
})
afterAll(() => rm(work, { recursive: true, force: true }))

describe('npm start', () => {
  it('listens on 127.0.0.1 by default, and SIGHUP swaps in a rebuild of changed seeds', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SEEDS_DIR: seedDir, INDEX_DIR: join(work, 'index'), EMBEDDING_MODEL: 'none' }
    delete env.HOST
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/serve.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      let output = ''
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk
          const match = /Search ready at (http:\/\/[^/]+)\//.exec(output)
          if (match) resolve(match[1]!)
        })
        server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)))
      })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const health = async () => (await (await fetch(`${url}/health`)).json()) as { corpusHash: string }
      const before = (await health()).corpusHash
      const count = async () => ((await (await fetch(`${url}/search?q=${encodeURIComponent('"Royaume de Thaïlande"')}`)).json()) as { total: number }).total
      expect(await count()).toBe(0)

      const file = join(seedDir, '004_af4c96732193f7cc.txt')
      await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
      server.kill('SIGHUP')
      let after = before
      for (let i = 0; i < 300 && after === before; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        after = (await health()).corpusHash
      }
      expect(after).not.toBe(before)
      expect(await count()).toBe(1)
    } finally {
      server.kill('SIGTERM')
    }
  }, 60_000)
})
