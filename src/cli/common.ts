// What the command-line programs share: default folders, argument parsing, and how a failure is reported.

import { existsSync, readFileSync } from 'node:fs'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { SearchError } from '../errors.js'

/**
 * The corpus folder: `CORPUS_DIR` (or the older `SEEDS_DIR`), then `corpusDir` in `search.config.json`, then `seeds/`.
 * Read recursively; PDF, Word, text and Markdown reports.
 */
export const defaultSeedDir = process.env.CORPUS_DIR || process.env.SEEDS_DIR || configuredCorpusDir() || 'seeds'
export const defaultIndexDir = process.env.INDEX_DIR ?? 'indexes'

function configuredCorpusDir(): string | undefined {
  if (!existsSync('search.config.json')) return undefined
  try {
    const value = (JSON.parse(readFileSync('search.config.json', 'utf8')) as { corpusDir?: unknown }).corpusDir
    return typeof value === 'string' && value.trim() !== '' ? value : undefined
  } catch {
    return undefined // the model configuration reports a malformed file with its own message
  }
}

/** Parses argv with node:util, turning unknown or malformed options into a usage error. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(options: T, usage: string, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    fail(`${(error as Error).message}\n\n${usage}`, 2)
  }
}

/** Prints a clear message on stderr and exits non-zero: the CLI's way of saying what went wrong. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`error: ${message}\n`)
  process.exit(code)
}

/** Runs a CLI main function, turning every error into a message and an exit code rather than a stack trace. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof SearchError) fail(`${error.message} [${error.code}]`)
    fail(error instanceof Error ? (error.stack ?? error.message) : String(error))
  })
}
