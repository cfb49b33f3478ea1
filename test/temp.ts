// Temporary folders for one test file, removed when its tests end (test/temp-guard.ts fails a file that leaves any).

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

const made: string[] = []

// Registered when the test file imports this module, so it runs once that file's tests and hooks are done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A new empty folder in the temp directory, named `<prefix>XXXXXX`, removed after the test file. */
export function tempDirSync(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** The same, for code that awaits a folder. */
export async function tempDir(prefix: string): Promise<string> {
  return tempDirSync(prefix)
}
