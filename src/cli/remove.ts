// `npm run remove -- <document id | file | symbol…>`: takes documents out of the corpus folder (moved to its
// `.removed/` folder, not deleted) and rebuilds the index.

import { corpusDocuments } from '../index/corpus-file.js'
import { readIndex } from '../index/store.js'
import { REMOVED_FOLDER, removeFromCorpus } from '../ingest/corpus-edit.js'
import { fail, parseCommandLine, run } from './common.js'
import { checkIndexIsOf, folderOptions, folders, folderUsage, reindex, reportRefused, typedIn } from './corpus-update.js'

const usage = `usage: npm run remove -- <document id | file | symbol…> [--corpus DIR] [--out DIR]
  Takes documents out of the corpus folder and rebuilds the index. Name each by its id (as in /documents), its path
  in the corpus folder, its file name, the file you added (same content) or its symbol. The file is moved to
  ${REMOVED_FOLDER}/ in the corpus folder, not deleted. A name that matches no document is reported; the exit code is then 1.
${folderUsage}`

run(async () => {
  const { values, positionals } = parseCommandLine(folderOptions, usage)
  if (values.help) return void console.log(usage)
  if (positionals.length === 0) fail(`name the documents to remove.\n\n${usage}`, 2)
  const { corpusDir, indexDir } = folders(values)
  const known = await checkIndexIsOf(corpusDir, indexDir)
  const edit = await removeFromCorpus(corpusDir, positionals, { cwd: typedIn(), known, symbols: () => symbolsOfIndex(indexDir) })
  for (const removed of edit.done) console.log(`Removed ${removed.id} (${removed.path}): moved to ${removed.movedTo} in ${corpusDir}.`)
  if (edit.done.length > 0) await reindex(edit, corpusDir, indexDir)
  if (reportRefused(edit.refused, 'removed')) {
    if (edit.done.length === 0) console.error('Nothing was removed: the corpus folder and its index are as they were.')
    process.exitCode = 1
  }
})

/** Symbol → files, as the index on disk knows them (the symbol is read from inside the document); empty without one. */
async function symbolsOfIndex(indexDir: string): Promise<Map<string, string[]>> {
  const symbols = new Map<string, string[]>()
  try {
    const documents = corpusDocuments(await (await readIndex(indexDir)).read('corpus.bin'))
    for (const document of documents) if (document.symbol) symbols.set(document.symbol, [...(symbols.get(document.symbol) ?? []), document.file])
  } catch {
    // No readable index: documents can still be named by id or file.
  }
  return symbols
}
