// Shared helpers for the semantic tests: throwaway data directories, removed when the test file ends.

import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { defaultDataDir, GLOSSARY_FILE } from '../../src/semantic/dictionary.js'
import { tempDirSync } from '../temp.js'

/** A data directory with no dictionary files at all. */
export function emptyDataDir(): string {
  return tempDirSync('ctoc-data-empty-')
}

/** A data directory holding the shipped glossary but not the FreeDict file. */
export function glossaryOnlyDataDir(): string {
  const dir = tempDirSync('ctoc-data-glossary-')
  copyFileSync(join(defaultDataDir, GLOSSARY_FILE), join(dir, GLOSSARY_FILE))
  return dir
}
