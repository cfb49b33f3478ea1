// Rebuilding the index for a running server: `npm run index -- --if-needed` in a child process, so the server
// keeps answering while the child parses and indexes, then swaps CURRENT.

import { spawn } from 'node:child_process'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'

// The indexer beside this file, run the way this process runs (node with the same flags: tsx's loader or none).
const indexScript = fileURLToPath(new URL(`index${extname(import.meta.url)}`, import.meta.url))

/** Runs the indexer on `seedDir` → `indexDir` (rebuilding only when the seeds or the model changed); rejects when it fails. */
export function runIndexer(seedDir: string, indexDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, indexScript, '--if-needed', '--seeds', seedDir, '--out', indexDir], {
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`the indexer exited with ${signal ?? `code ${code}`}`))))
  })
}
