import { readFile, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildTinyModel, buildVocabulary, countWords } from '../../scripts/build-tiny-model.js'

const fixture = fileURLToPath(new URL('../fixtures/tiny-model/', import.meta.url))

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort()
}

describe('scripts/build-tiny-model.ts', () => {
  it('rebuilds the committed fixture byte for byte (if not, rerun `npx tsx scripts/build-tiny-model.ts`)', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'tiny-model-'))
    try {
      const written = await buildTinyModel(outDir)
      expect(written.sort()).toEqual(await listFiles(fixture))
      expect(await listFiles(outDir)).toEqual(written)
      for (const file of written) {
        const [fresh, committed] = await Promise.all([readFile(join(outDir, file)), readFile(join(fixture, file))])
        expect(fresh.equals(committed), `${file} differs from a fresh build`).toBe(true)
      }
    } finally {
      await rm(outDir, { recursive: true, force: true })
    }
  })

  it('stays a small fixture: under 1 MiB in all', async () => {
    let bytes = 0
    for (const file of await listFiles(fixture)) bytes += (await readFile(join(fixture, file))).length
    expect(bytes).toBeLessThan(1024 * 1024)
  })

  it('draws the vocabulary from text: specials first, folded characters, then frequent words', () => {
    const vocabulary = buildVocabulary(countWords(['Les États, les États et la Convention.']), 64, 4)
    expect(vocabulary.slice(0, 5)).toEqual(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'])
    expect(vocabulary).toContain('##e')
    expect(vocabulary).not.toContain('É')
    // “les” and “etats” occur twice, so they come before the words seen once, in code-unit order.
    const words = vocabulary.filter((piece) => /^[a-z]{2,}$/.test(piece))
    expect(words).toEqual(['etats', 'les', 'convention', 'et', 'la'])
  })
})
