// The seed catalogue: what a document's text does not state about it, each value with its source.

import { SearchError } from '../errors.js'
import type { DocumentKind } from '../types.js'

/** One catalogued value and where it comes from (a paragraph, a heading, a running header…). */
export interface CatalogueField<T extends string = string> {
  value: T
  source: string
}

/** What the catalogue says about one seed file. Every field is optional; the text wins where it states one. */
export interface CatalogueEntry {
  symbol?: CatalogueField
  title?: CatalogueField
  /** What headings and citations call the document when it has no symbol: `Rapport du Groupe de travail (Vienne, 2012)`. */
  shortTitle?: CatalogueField
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  date?: CatalogueField
  meeting?: CatalogueField
  kind?: CatalogueField<DocumentKind>
}

/** Entries keyed by seed file name. Keys starting with `_` are notes for readers and are skipped. */
export type Catalogue = Record<string, CatalogueEntry>

const FIELDS = ['symbol', 'title', 'shortTitle', 'date', 'meeting', 'kind'] as const
const KINDS: readonly DocumentKind[] = ['meeting-report', 'compendium', 'secretariat-report', 'draft-addendum']
const ISO_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/

/** Reads and checks `catalogue.json`; anything malformed is a `SEED_INVALID` error that says what to fix. */
export function parseCatalogue(json: string, where = 'catalogue.json'): Catalogue {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (cause) {
    throw invalid(where, `is not valid JSON (${(cause as Error).message})`, cause)
  }
  if (!isObject(data)) throw invalid(where, 'must be a JSON object keyed by seed file name')
  const catalogue: Catalogue = {}
  for (const [file, entry] of Object.entries(data)) {
    if (file.startsWith('_')) continue
    if (!isObject(entry)) throw invalid(where, `entry "${file}" must be an object of fields`)
    catalogue[file] = readEntry(where, file, entry)
  }
  return catalogue
}

function readEntry(where: string, file: string, entry: Record<string, unknown>): CatalogueEntry {
  const result: CatalogueEntry = {}
  for (const [name, field] of Object.entries(entry)) {
    if (!(FIELDS as readonly string[]).includes(name)) throw invalid(where, `entry "${file}" has unknown field "${name}" (known: ${FIELDS.join(', ')})`)
    if (!isObject(field) || typeof field.value !== 'string' || typeof field.source !== 'string' || field.source.trim() === '') {
      throw invalid(where, `"${file}".${name} must be { "value": string, "source": non-empty string }`)
    }
    const value = field.value
    if (name === 'date' && !ISO_DATE.test(value)) throw invalid(where, `"${file}".date "${value}" must be YYYY, YYYY-MM or YYYY-MM-DD`)
    if (name === 'kind' && !(KINDS as readonly string[]).includes(value)) throw invalid(where, `"${file}".kind "${value}" must be one of ${KINDS.join(', ')}`)
    result[name as (typeof FIELDS)[number]] = { value, source: field.source } as CatalogueField<DocumentKind>
  }
  return result
}

function invalid(where: string, problem: string, cause?: unknown): SearchError {
  return new SearchError('SEED_INVALID', `${where} ${problem}.`, { cause })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
