// Shared helpers for the ingest tests: the seeds as parsed with their catalogue entries.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCatalogue } from '../../src/ingest/catalogue.js'
import { parseDocument } from '../../src/ingest/parse.js'
import type { DocumentMeta, Passage } from '../../src/types.js'

export const SEED_DIR = fileURLToPath(new URL('../../seeds', import.meta.url))

export const SEEDS = {
  '000': '000_f4384e2a98d04a30.txt',
  '001': '001_f3a438cdd34e73ea.txt',
  '002': '002_8963f6d1a9de86f3.txt',
  '003': '003_b17467f420381ed3.txt',
  '004': '004_af4c96732193f7cc.txt',
} as const

export type SeedKey = keyof typeof SEEDS

export function rawSeed(key: SeedKey): string {
  return readFileSync(join(SEED_DIR, SEEDS[key]), 'utf8')
}

const catalogue = parseCatalogue(readFileSync(join(SEED_DIR, 'catalogue.json'), 'utf8'))

/** A seed parsed with its catalogue entry, with passages findable by label. */
export function parsedSeed(key: SeedKey, withCatalogue = true): { document: DocumentMeta; passages: Passage[]; raw: string; byLabel: (label: string) => Passage } {
  const raw = rawSeed(key)
  const parsed = parseDocument(SEEDS[key], raw, withCatalogue ? catalogue[SEEDS[key]] : undefined)
  const byLabel = (label: string) => {
    const found = parsed.passages.filter((passage) => passage.paragraph === label)
    if (found.length !== 1) throw new Error(`${key}: expected one passage labelled "${label}", found ${found.length}`)
    return found[0]!
  }
  return { ...parsed, raw, byLabel }
}

/** `1`…`n` as paragraph labels. */
export function numbers(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i))
}

export function recommendations(from: number, to: number): string[] {
  return numbers(from, to).map((n) => `Recommandation ${n}`)
}
