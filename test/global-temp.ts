// The run's own temp directory: every test file works in a folder of it (test/temp-guard.ts), so the suite never
// writes into the system's temp directory and never mistakes another process's folders for its own. When the run
// ends, anything still in it (a file that crashed before its check, a process that wrote after it) fails the run.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The environment variable that tells test workers where the run's temp directory is. */
export const SUITE_TEMP_ROOT = 'CTOC_TEST_TEMP_ROOT'

/** Tools' own caches, not a test's leftovers: tsx compiles into `tsx-<uid>` under the temp directory. */
const TOOL_CACHE = /^tsx-\d+$/

/** What a test left in `dir`: every entry but the tools' caches. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !TOOL_CACHE.test(name))
    .sort()
}

/** The error for what was left, naming the first few items. */
export function leakError(who: string, left: string[]): Error {
  const named = left.slice(0, 8).join(', ') + (left.length > 8 ? ', …' : '')
  return new Error(`${who} left ${left.length} item(s) in the temp directory: ${named}`)
}

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'ctoc-tests-'))
  process.env[SUITE_TEMP_ROOT] = root
  process.env.TMPDIR = root
  return () => {
    const left = leftovers(root)
    rmSync(root, { recursive: true, force: true })
    if (left.length > 0) {
      // vitest prints an error thrown here but still exits 0: the exit code is what fails CI.
      process.exitCode = 1
      throw leakError('the test run', left)
    }
  }
}
