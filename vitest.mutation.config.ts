// The fast unit tests Stryker runs against each mutant (`npm run test:mutation`): the tests of src/search, src/text,
// src/semantic and the ingest parsers that run in-process in a few seconds. Left out: the browser, the tests that
// start servers or CLIs, the OCR test (10 s of Tesseract a run) and the incremental add/remove rebuilds.
// MUTATION_TESTS (comma-separated globs) runs a smaller set instead: quicker, and the score it gives is a lower bound.

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: process.env.MUTATION_TESTS?.split(',') ?? [
      'test/text/**/*.test.ts',
      'test/semantic/**/*.test.ts',
      'test/search/**/*.test.ts',
      'test/variants/**/*.test.ts',
      'test/index/analysis.test.ts',
      'test/index/keyword.test.ts',
      'test/robustness/query-limits.test.ts',
      'test/server/{app,citing}.test.ts',
      'test/ingest/{citation,clean,clean-edges,docx,formats,load,metadata,metadata-edges,parse-edges,pdf,scan-pages,seeds,small-parsers,structure,word-numbering,xml-zip}.test.ts',
    ],
    globalSetup: ['test/global-temp.ts'],
    setupFiles: ['test/temp-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
