// Every test's temporary folders live under one folder per run, removed when the run ends, so the suite leaves
// nothing in the system's temp directory (os.tmpdir() reads TMPDIR, which the test workers and the servers and
// CLIs they start inherit).

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'ctoc-tests-'))
  process.env.TMPDIR = root
  return () => rmSync(root, { recursive: true, force: true })
}
