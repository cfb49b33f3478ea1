// Shared helpers for the semantic tests: throwaway data directories.

import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultDataDir, GLOSSARY_FILE } from '../../src/semantic/dictionary.js'

/** A data directory with no dictionary files at all. */
export function emptyDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'ctoc-data-empty-'))
}

/** A data directory holding the shipped glossary but not the FreeDict file. */
export function glossaryOnlyDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctoc-data-glossary-'))
  copyFileSync(join(defaultDataDir, GLOSSARY_FILE), join(dir, GLOSSARY_FILE))
  return dir
}
