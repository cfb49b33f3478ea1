// `npm run index`: builds the keyword, n-gram and vector indexes from the seeds and swaps them in.

import { openEngine } from '../index/open.js'
import { defaultIndexDir, defaultSeedDir, parseCommandLine, run } from './common.js'
import { progressPrinter } from './progress.js'

const usage = `usage: npm run index -- [--seeds DIR] [--out DIR] [--if-needed]
  --seeds DIR    seed documents (default: ${defaultSeedDir})
  --out DIR      index folder (default: ${defaultIndexDir})
  --if-needed    rebuild only when the index is missing, stale, damaged or built for another model
The embedding model comes from EMBEDDING_MODEL / MODEL_DIR / search.config.json (see README).`

run(async () => {
  const { values } = parseCommandLine(
    { seeds: { type: 'string' }, out: { type: 'string' }, 'if-needed': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  )
  if (values.help) return void console.log(usage)
  const opened = await openEngine({
    seedDir: values.seeds ?? defaultSeedDir,
    indexDir: values.out ?? defaultIndexDir,
    build: values['if-needed'] ? 'if-needed' : 'always',
    log: (line) => console.error(line),
    onProgress: progressPrinter(),
  })
  const { manifest, rebuiltBecause } = opened
  console.log(
    `${rebuiltBecause ? 'Built' : 'Up to date:'} index ${manifest.buildId}: ${manifest.documents} documents, ${manifest.passages} passages` +
      `${rebuiltBecause ? ` in ${(manifest.buildMs / 1000).toFixed(1)}s` : ''}; vectors: ${manifest.model ? `${manifest.model.id} (${manifest.model.dimension} dims)` : 'none'}.`,
  )
  if (!manifest.model) console.log(manifest.modelNote)
})
