// Loading a seed folder: good seeds loaded, bad ones reported and skipped, the catalogue checked, the hash.

import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SearchError } from '../../src/errors.js'
import { corpusHash, loadCorpus } from '../../src/ingest/load.js'
import { SEED_DIR, SEEDS } from './helpers.js'

const GOOD = 'I. Introduction\n\n1. Les Etats parties devraient coopérer.\n'
const dirs: string[] = []

async function seedDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ingest-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
  return dir
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

describe('loadCorpus', () => {
  it('loads the five seeds with no problem, in file order', async () => {
    const corpus = await loadCorpus(SEED_DIR)
    expect(corpus.problems).toEqual([])
    expect(corpus.documents.map((d) => d.file)).toEqual(Object.values(SEEDS))
    expect(corpus.passages).toHaveLength(75 + 92 + 75 + 53 + 6)
    const bytes = await readFile(join(SEED_DIR, SEEDS['001']))
    expect(corpus.documents[1]!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it('reports an empty, a binary and a non-UTF-8 seed, skips them, and still loads the good one', async () => {
    const dir = await seedDir({
      'a-binary.txt': new Uint8Array([0x31, 0x2e, 0x20, 0x00, 0x41]),
      'b-empty.txt': '',
      'c-good.txt': GOOD,
      'd-latin1.txt': new Uint8Array([0x31, 0x2e, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x2e]),
      'e-blank.md': '  \n\n',
      'notes.pdf': 'not a seed',
    })
    const corpus = await loadCorpus(dir)
    expect(corpus.documents.map((d) => d.id)).toEqual(['c-good'])
    expect(corpus.passages.map((p) => [p.id, p.text])).toEqual([['c-good.p1', 'Les Etats parties devraient coopérer.']])
    expect(corpus.problems).toEqual([
      { file: 'a-binary.txt', message: 'binary file (contains NUL bytes): a .txt or .md document must be UTF-8 text.' },
      { file: 'b-empty.txt', message: 'empty file (0 bytes): nothing to index.' },
      { file: 'd-latin1.txt', message: 'not valid UTF-8: re-save the file as UTF-8 text.' },
      { file: 'e-blank.md', message: 'empty file (whitespace only): nothing to index.' },
      { file: 'notes.pdf', message: 'not a PDF: the file does not start with %PDF (is it another format renamed .pdf?).' },
    ])
  })

  it('reports a seed with no passage and a catalogue entry for a missing seed', async () => {
    const dir = await seedDir({
      'good.txt': GOOD,
      'title-only.txt': 'Rapport du Secrétariat\n',
      'catalogue.json': JSON.stringify({ 'gone.txt': { kind: { value: 'compendium', source: 'test' } } }),
    })
    const corpus = await loadCorpus(dir)
    expect(corpus.documents.map((d) => d.id)).toEqual(['good'])
    expect(corpus.problems).toEqual([
      { file: 'title-only.txt', message: 'no passage found: the text has no numbered paragraph, recommendation or paragraph under a heading.' },
      { file: 'catalogue.json', message: `has an entry for "gone.txt", which is not a document in ${dir}.` },
    ])
  })

  it('applies the catalogue entry of a seed', async () => {
    const dir = await seedDir({ 'good.txt': GOOD, 'catalogue.json': JSON.stringify({ _about: 'notes', 'good.txt': { date: { value: '2012-05-30', source: '¶59' } } }) })
    expect((await loadCorpus(dir)).documents[0]).toMatchObject({ date: '2012-05-30', year: 2012 })
  })

  it.each([
    ['{ "good.txt": ', 'is not valid JSON'],
    ['[]', 'must be a JSON object keyed by seed file name'],
    ['{ "good.txt": { "kind": { "value": "minutes", "source": "x" } } }', '"good.txt".kind "minutes" must be one of meeting-report, compendium, secretariat-report, draft-addendum'],
    ['{ "good.txt": { "date": { "value": "30/05/2012", "source": "x" } } }', '"good.txt".date "30/05/2012" must be YYYY, YYYY-MM or YYYY-MM-DD'],
    ['{ "good.txt": { "symbol": { "value": "CTOC/COP/2022/3" } } }', '"good.txt".symbol must be { "value": string, "source": non-empty string }'],
    ['{ "good.txt": { "author": { "value": "x", "source": "y" } } }', 'entry "good.txt" has unknown field "author"'],
  ])('a malformed catalogue (%s) is a SEED_INVALID error saying what is wrong', async (json, message) => {
    const dir = await seedDir({ 'good.txt': GOOD, 'catalogue.json': json })
    const error = await loadCorpus(dir).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SearchError)
    expect((error as SearchError).code).toBe('SEED_INVALID')
    expect((error as SearchError).message).toContain(join(dir, 'catalogue.json'))
    expect((error as SearchError).message).toContain(message)
  })
})

describe('corpusHash', () => {
  it('is the same for the same files, and ignores files in formats it does not read', async () => {
    const one = await seedDir({ 'a.txt': GOOD, 'catalogue.json': '{}' })
    const two = await seedDir({ 'catalogue.json': '{}', 'a.txt': GOOD, 'README.odt': 'x' })
    expect(await corpusHash(one)).toMatch(/^[0-9a-f]{64}$/)
    expect(await corpusHash(two)).toBe(await corpusHash(one))
  })

  it('changes when a seed changes by one byte, is renamed, or the catalogue changes', async () => {
    const base = await corpusHash(await seedDir({ 'a.txt': GOOD, 'catalogue.json': '{}' }))
    expect(await corpusHash(await seedDir({ 'a.txt': `${GOOD} `, 'catalogue.json': '{}' }))).not.toBe(base)
    expect(await corpusHash(await seedDir({ 'b.txt': GOOD, 'catalogue.json': '{}' }))).not.toBe(base)
    expect(await corpusHash(await seedDir({ 'a.txt': GOOD, 'catalogue.json': '{ }' }))).not.toBe(base)
  })
})
