// `npm run add` and `npm run remove`, end to end: the real commands on the committed PDF and Word fixtures, a corpus
// folder in the temp dir, and a real server watching the index that serves each new build without a restart.

import { spawn } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../scripts/lib/server.js'
import { SEED_DIR, SEEDS } from './helpers.js'

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/ingest/${name}`, import.meta.url))
let work = ''
let corpus = ''
let indexDir = ''
let server: RunningServer

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ingest-add-'))
  corpus = join(work, 'reports')
  indexDir = join(work, 'index')
  await mkdir(corpus)
  await copyFile(join(SEED_DIR, SEEDS['004']), join(corpus, SEEDS['004']))
  server = await startServer({ indexDir, env: { CORPUS_DIR: corpus } })
})

afterAll(async () => {
  await server?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

/** Runs `npm run <command> -- …args` as npm would (from the project folder), on the temp corpus and index. */
function npmRun(command: 'add' | 'remove', args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${command}.ts`, ...args], {
      env: { ...process.env, CORPUS_DIR: corpus, INDEX_DIR: indexDir, EMBEDDING_MODEL: 'none', INIT_CWD: work },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const get = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`)).json()) as T
const servedIds = async () => (await get<{ documents: Array<{ id: string }> }>('/documents')).documents.map((d) => d.id)
const currentBuild = () => readFile(join(indexDir, 'CURRENT'), 'utf8')
const corpusFiles = async () => (await readdir(corpus, { recursive: true })).map(String).sort()

/** Waits for the server to serve what `expected` says (it reloads when CURRENT changes). */
async function until<T>(read: () => Promise<T>, expected: T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    value = await read()
  }
  return value
}

describe('npm run add and npm run remove', () => {
  it('add copies a PDF and a Word report into the corpus folder, and the running server serves them', async () => {
    // File names relative to where the command was typed (INIT_CWD), as a user gives them.
    await copyFile(fixture('un-layout.pdf'), join(work, 'un-layout.pdf'))
    const { code, stdout, stderr } = await npmRun('add', ['un-layout.pdf', fixture('report.docx')])
    expect(stderr).not.toMatch(/Not added/)
    expect(code).toBe(0)
    expect(stdout).toContain('un-layout.pdf → un-layout.pdf (id un-layout): CTOC/COP/WG.7/2015/5, 92 passages')
    expect(stdout).toMatch(/report\.docx → report\.docx \(id report\): « Rapport de la réunion/)
    expect(stdout).toMatch(/Index \S+: 3 documents/)
    expect(await readFile(join(corpus, 'report.docx'))).toEqual(await readFile(fixture('report.docx')))
    expect(await until(servedIds, [SEEDS['004'].replace('.txt', ''), 'report', 'un-layout'])).toEqual([SEEDS['004'].replace('.txt', ''), 'report', 'un-layout'])
    const passage = await get<{ citation: { label: string } }>('/passages/un-layout.p36')
    expect(passage.citation.label).toBe('CTOC/COP/WG.7/2015/5, par. 36, p. 4')
  })

  it('refuses a missing file, another format, a duplicate, a taken name or id and an unreadable PDF, each with its reason, and changes nothing', async () => {
    const build = await currentBuild()
    const before = await corpusFiles()
    await writeFile(join(work, 'notes.odt'), 'x')
    await copyFile(fixture('report.docx'), join(work, 'copie.docx'))
    await mkdir(join(work, 'other'))
    await copyFile(fixture('encrypted.pdf'), join(work, 'other', 'un-layout.pdf'))
    await copyFile(join(SEED_DIR, SEEDS['003']), join(work, 'report.txt'))
    await copyFile(fixture('encrypted.pdf'), join(work, 'locked.pdf'))
    const { code, stdout, stderr } = await npmRun('add', ['absent.pdf', 'notes.odt', 'copie.docx', 'other/un-layout.pdf', 'report.txt', 'locked.pdf'])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.split('\n')).toEqual([
      'Not added (6):',
      '  absent.pdf: no such file.',
      '  notes.odt: unsupported format (.odt): the corpus reads .pdf, .docx, .txt and .md.',
      '  copie.docx: already in the corpus as report.docx (same content).',
      '  other/un-layout.pdf: name clash: the corpus already has another file at un-layout.pdf; rename yours, or take the old one out first (npm run remove -- un-layout.pdf).',
      '  report.txt: its document id "report" is taken by report.docx (the same report in another format? one is enough); rename it.',
      '  locked.pdf: encrypted PDF (it asks for a password): save an unprotected copy and add that.',
      'Nothing was added: the corpus folder and its index are as they were.',
      '',
    ])
    expect(await corpusFiles()).toEqual(before)
    expect(await currentBuild()).toBe(build)
  })

  it('puts the corpus folder back when the index cannot be rebuilt (another build holds the index)', async () => {
    const build = await currentBuild()
    const before = await corpusFiles()
    // A live process (this test runner) holds the build lock, as a server's rebuild would.
    await writeFile(join(indexDir, 'build.lock'), String(process.pid))
    try {
      const { code, stderr } = await npmRun('add', [join(SEED_DIR, SEEDS['000'])])
      expect(code).toBe(1)
      expect(stderr).toContain(`the index could not be rebuilt (Another build (process ${process.pid}) is writing`)
      expect(stderr).toContain('was put back as it was')
    } finally {
      await rm(join(indexDir, 'build.lock'), { force: true })
    }
    expect(await corpusFiles()).toEqual(before)
    expect(await currentBuild()).toBe(build)
  })

  it('refuses to touch another corpus folder than the one the index (and so the server) is of', async () => {
    const build = await currentBuild()
    const { code, stderr } = await npmRun('add', ['--corpus', 'elsewhere', fixture('report.docx')])
    expect(code).toBe(1)
    expect(stderr).toContain(`holds the index of ${corpus}, not of ${join(process.cwd(), 'elsewhere')}: set CORPUS_DIR=${corpus}`)
    expect(await currentBuild()).toBe(build)
  })

  it('remove takes documents out by id and by symbol (moved aside, not deleted), and the server stops serving them', async () => {
    const { code, stdout, stderr } = await npmRun('remove', ['report', 'CTOC/COP/WG.7/2015/5'])
    expect(stderr).not.toMatch(/Not removed/)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Removed report \(report\.docx\): moved to \.removed\/[\dT-]+Z\/report\.docx in /m)
    expect(stdout).toMatch(/^Removed un-layout \(un-layout\.pdf\): moved to \.removed\/[\dT-]+Z\/un-layout\.pdf in /m)
    expect(stdout).toMatch(/Index \S+: 1 document, /)
    expect(await until(servedIds, [SEEDS['004'].replace('.txt', '')])).toEqual([SEEDS['004'].replace('.txt', '')])
    const kept = (await corpusFiles()).filter((file) => file.startsWith('.removed/') && /\.(pdf|docx)$/.test(file))
    expect(kept.map((file) => file.replace(/^\.removed\/[^/]+\//, ''))).toEqual(['report.docx', 'un-layout.pdf'])
  })

  it('remove finds a document by the file that was added (same content), wherever it is', async () => {
    expect((await npmRun('add', [fixture('report.docx')])).code).toBe(0)
    const { code, stdout } = await npmRun('remove', [fixture('report.docx')])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Removed report \(report\.docx\)/m)
  })

  it('an unknown document is an error that says which documents there are, and nothing changes', async () => {
    const build = await currentBuild()
    const { code, stdout, stderr } = await npmRun('remove', ['rapport-2099'])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(`rapport-2099: no document "rapport-2099" in ${corpus}: name one by its id, file or symbol (the documents are ${SEEDS['004'].replace('.txt', '')}).`)
    expect(await currentBuild()).toBe(build)
  })
})
