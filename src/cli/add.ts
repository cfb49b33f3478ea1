// `npm run add -- <file or folder…>`: copies reports into the corpus folder, checked first, and rebuilds the index.

import { addToCorpus } from '../ingest/corpus-edit.js'
import { cacheDirOf } from '../ingest/load.js'
import { fail, parseCommandLine, run } from './common.js'
import { checkIndexIsOf, folderOptions, folders, folderUsage, reindex, reportRefused, typedIn } from './corpus-update.js'
import { ocrProgressPrinter } from './progress.js'

const usage = `usage: npm run add -- <file or folder…> [--corpus DIR] [--out DIR]
  Copies PDF (with a text layer or scanned), Word .docx, .txt and .md reports into the corpus folder (a folder
  keeps its name and subfolders) and rebuilds the index. A file that is missing, of another format, unreadable,
  already in the corpus (same content) or whose name is taken is not added, with the reason; the exit code is then 1.
${folderUsage}`

run(async () => {
  const { values, positionals } = parseCommandLine(folderOptions, usage)
  if (values.help) return void console.log(usage)
  if (positionals.length === 0) fail(`name the files to add.\n\n${usage}`, 2)
  const { corpusDir, indexDir } = folders(values)
  const known = await checkIndexIsOf(corpusDir, indexDir)
  // Parsed into the index's cache, so the build reuses the parse (and the OCR of scanned pages).
  const edit = await addToCorpus(corpusDir, positionals, { cwd: typedIn(), cacheDir: cacheDirOf(indexDir), known, onOcrProgress: ocrProgressPrinter() })
  if (edit.done.length > 0) {
    console.log(`Added ${edit.done.length} report${edit.done.length === 1 ? '' : 's'} to ${corpusDir}:`)
    for (const added of edit.done) {
      const cited = added.symbol || (added.title ? `« ${added.title.length > 80 ? `${added.title.slice(0, 79)}…` : added.title} »` : 'no symbol or title found')
      console.log(`  ${added.source} → ${added.path} (id ${added.id}): ${cited}, ${added.passages} passage${added.passages === 1 ? '' : 's'}`)
    }
    await reindex(edit, corpusDir, indexDir)
  }
  if (reportRefused(edit.refused, 'added')) {
    if (edit.done.length === 0) console.error('Nothing was added: the corpus folder and its index are as they were.')
    process.exitCode = 1
  }
})
