// Each test file gets its own temporary folder (TMPDIR, inherited by the servers and CLIs it starts) inside the
// run's folder (test/global-temp.ts), and fails if anything is left in it once its own clean-up has run: a test
// that leaves folders behind names itself instead of filling the temp directory unnoticed.

import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { leakError, leftovers, SUITE_TEMP_ROOT } from './global-temp.js'

const root = process.env[SUITE_TEMP_ROOT]
if (root !== undefined) {
  const dir = mkdtempSync(join(root, 'file-'))
  process.env.TMPDIR = dir
  // Registered before the test file's own hooks, so it runs after them (vitest runs afterAll hooks in reverse).
  afterAll(() => {
    const left = leftovers(dir)
    rmSync(dir, { recursive: true, force: true })
    if (left.length > 0) {
      throw leakError('this test file', left)
    }
  })
}
