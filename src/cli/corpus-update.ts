// What `npm run add` and `npm run remove` share: their options, the report of what was refused, and the rebuild of
// the index after the corpus folder changed (the folder is put back as it was when the build fails).

import { resolve } from 'node:path'
import { SearchError } from '../errors.js'
import { updateIndex, type UpdatedIndex } from '../search/open.js'
import { readIndex } from '../index/store.js'
import type { CorpusEdit, Refused } from '../ingest/corpus-edit.js'
import type { CorpusListing } from '../types.js'
import { defaultIndexDir, defaultSeedDir } from './common.js'
import { ocrProgressPrinter, progressPrinter } from './progress.js'

export const folderOptions = { corpus: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const

export const folderUsage = `  --corpus DIR   the corpus folder (default: ${defaultSeedDir}; CORPUS_DIR or corpusDir in search.config.json)
  --out DIR      the index folder (default: ${defaultIndexDir}); a running server (npm start) picks the new build up`

export function folders(values: { corpus?: string | undefined; out?: string | undefined }): { corpusDir: string; indexDir: string } {
  return { corpusDir: values.corpus ?? defaultSeedDir, indexDir: values.out ?? defaultIndexDir }
}

/**
 * Refuses to edit a corpus folder whose index folder holds another folder's index: the rebuild would replace it,
 * and a server serving that other corpus would then serve this one. Returns the listing of the folder that index
 * recorded (undefined without one), whose hashes the edit can trust for files that have not moved (`listCorpus`).
 */
export async function checkIndexIsOf(corpusDir: string, indexDir: string): Promise<CorpusListing | undefined> {
  const listing = await readIndex(indexDir).then((index) => index.manifest.corpus, () => undefined)
  const built = listing?.dir
  if (built && built !== resolve(corpusDir)) {
    throw new SearchError(
      'CORPUS_CONFLICT',
      `${indexDir} holds the index of ${built}, not of ${resolve(corpusDir)}: set CORPUS_DIR=${built} (as for the server), or --out another index folder. Nothing was changed.`,
    )
  }
  return listing
}

/** Where the user typed the command: `npm run` moves to the project's folder, and file names are relative to this. */
export function typedIn(): string {
  return process.env.INIT_CWD || process.cwd()
}

/**
 * Rebuilds the index from the changed corpus folder (only what changed is parsed again: parses are cached by
 * content). When the build fails, the edit is undone, so the folder and the last good index still agree.
 */
export async function reindex(edit: CorpusEdit<unknown>, corpusDir: string, indexDir: string): Promise<UpdatedIndex> {
  try {
    const updated = await updateIndex({ seedDir: corpusDir, indexDir, log: (line) => console.error(line), onProgress: progressPrinter(), onOcrProgress: ocrProgressPrinter() })
    const { manifest } = updated
    const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`
    console.log(`Index ${manifest.buildId}: ${count(manifest.documents, 'document')}, ${count(manifest.passages, 'passage')}, built in ${(manifest.buildMs / 1000).toFixed(1)} s; a running server picks it up by itself.`)
    return updated
  } catch (error) {
    await edit.undo()
    const reason = error instanceof Error ? error.message : String(error)
    throw new SearchError('INDEX_BUILD_FAILED', `the index could not be rebuilt (${reason}), so the corpus folder ${resolve(corpusDir)} was put back as it was.`, { cause: error })
  }
}

/** Prints what was not done and why; true when something was. */
export function reportRefused(refused: readonly Refused[], what: string): boolean {
  if (refused.length === 0) return false
  console.error(`Not ${what} (${refused.length}):\n${refused.map(({ file, reason }) => `  ${file}: ${reason}`).join('\n')}`)
  return true
}
