// Mutation testing (`npm run test:mutation`, not part of `npm test`): see docs/testing.md for the scores and the
// survivors we accept. One directory at a time is the practical way on a small machine, e.g.
//   npm run test:mutation -- --mutate 'src/text/**/*.ts'
// Incremental: reports/stryker-incremental.json remembers each mutant's result, so a second run only retries the
// mutants whose code or tests changed.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'src/search/**/*.ts',
    'src/text/**/*.ts',
    'src/semantic/**/*.ts',
    // The ingest parsers: bytes → blocks → passages and their metadata. Not here: the folder loading and editing
    // (load, corpus-edit, catalogue: files and caches), the OCR driver (each run costs Tesseract seconds) and pdf.js's loader.
    'src/ingest/{parse,pdf,layout,blocks,paragraphs,clean,join,docx,word-numbering,xml,zip,metadata,citation,kinds,language,adoption,short-name}.ts',
    '!src/**/*.d.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  timeoutMS: 20_000,
  cleanTempDir: true,
}
