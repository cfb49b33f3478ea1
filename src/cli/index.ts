// `npm run index`: builds the keyword, n-gram and vector indexes from the corpus folder and swaps them in; says
// which files were skipped and why.

import { openEngine } from '../search/open.js'
import { skippedSummary } from '../ingest/skipped.js'
import { defaultIndexDir, defaultSeedDir, parseCommandLine, run } from './common.js'
import { ocrProgressPrinter, progressPrinter } from './progress.js'
import type { ClusterStatus } from '../types.js'

const usage = `usage: npm run index -- [--corpus DIR] [--out DIR] [--if-needed]
  --corpus DIR   the corpus folder: PDF, Word, .txt and .md reports, read recursively (default: ${defaultSeedDir};
                 CORPUS_DIR or corpusDir in search.config.json); --seeds DIR says the same
  --out DIR      index folder (default: ${defaultIndexDir})
  --if-needed    rebuild only when the index is missing, stale, damaged or built for another model
The embedding model comes from EMBEDDING_MODEL / MODEL_DIR / search.config.json (see README).`

run(async () => {
  const { values } = parseCommandLine(
    { corpus: { type: 'string' }, seeds: { type: 'string' }, out: { type: 'string' }, 'if-needed': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  )
  if (values.help) return void console.log(usage)
  const opened = await openEngine({
    seedDir: values.corpus ?? values.seeds ?? defaultSeedDir,
    indexDir: values.out ?? defaultIndexDir,
    build: values['if-needed'] ? 'if-needed' : 'always',
    log: (line) => console.error(line),
    onProgress: progressPrinter(),
    onOcrProgress: ocrProgressPrinter(),
  })
  const { manifest, rebuiltBecause, problems } = opened
  // A build has printed its summary already; an index found up to date still says what it leaves out.
  if (!rebuiltBecause && problems.length > 0) console.error(skippedSummary(problems))
  console.log(
    `${rebuiltBecause ? 'Built' : 'Up to date:'} index ${manifest.buildId}: ${manifest.documents} documents, ${manifest.passages} passages` +
      `${rebuiltBecause ? ` in ${(manifest.buildMs / 1000).toFixed(1)}s` : ''}; vectors: ${manifest.model ? `${manifest.model.id} (${manifest.model.dimension} dims${clustersNote(manifest.model.clusters)})` : 'none'}.`,
  )
  if (!manifest.model) console.log(manifest.modelNote)
})

// The vectors' clusters as a person reads them: what a dense query visits, and the recall the build measured for it.
function clustersNote(clusters: ClusterStatus | undefined): string {
  if (!clusters) return ''
  const far = clusters.farProbe
    ? `${clusters.farProbe} probed a query far from every cluster (recall@100 ${clusters.farRecall!.toFixed(3)}, recall@10 ${clusters.farTopRecall!.toFixed(3)})`
    : 'a query far from every cluster scanned exactly'
  return `, ${clusters.count} clusters, ${clusters.probe} probed a query, recall@100 ${clusters.recall.toFixed(3)} measured at build, ${far}`
}
