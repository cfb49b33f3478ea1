// The live engine of a running server, and how it is swapped for a rebuilt one without failing a request.
//
// A request takes the engine once and keeps it to the end, so a swap never changes the index under a request;
// the old engine is freed when the last request using it is answered. A reload that fails keeps the live engine.

import { unwatchFile, watchFile, type Stats } from 'node:fs'
import { join } from 'node:path'
import type { OpenedEngine } from '../search/open.js'
import type { StoredManifest } from '../index/store.js'
import type { Engine } from '../search/engine.js'

export interface LiveEngineOptions {
  /** Folder of the index (holds `CURRENT`). */
  indexDir: string
  /** Opens the index `CURRENT` names, without building. */
  load: () => Promise<OpenedEngine>
  /** Rebuilds the index when the seeds changed (in another process, so the server keeps answering), then resolves. */
  rebuild: () => Promise<void>
  /** Runs on a newly loaded build before it is swapped in (the server warms it up: see `warmUp`). */
  prepare?: (loaded: OpenedEngine) => Promise<void>
  log?: (line: string) => void
}

export type ReloadOutcome = 'swapped' | 'unchanged' | 'failed'

export class LiveEngine {
  #opened: OpenedEngine
  #running: Promise<ReloadOutcome> | null = null
  #again = false
  readonly #options: LiveEngineOptions
  readonly #log: (line: string) => void

  constructor(opened: OpenedEngine, options: LiveEngineOptions) {
    this.#opened = opened
    this.#options = options
    this.#log = options.log ?? (() => {})
  }

  get engine(): Engine {
    return this.#opened.engine
  }

  get manifest(): StoredManifest {
    return this.#opened.manifest
  }

  /** Loads the build `CURRENT` names when it is not the live one. Calls during a reload run once more after it. */
  refresh(): Promise<ReloadOutcome> {
    return this.#serialise(async () => {
      const loaded = await this.stage()
      if (!loaded) return 'unchanged'
      this.serve(loaded)
      return 'swapped'
    })
  }

  /**
   * Loads and prepares the build `CURRENT` names without serving it, or null when it is the live one: the first half
   * of a swap that several processes make together (each stages, then all `serve`).
   */
  async stage(): Promise<OpenedEngine | null> {
    const loaded = await this.#options.load()
    if (loaded.manifest.buildId === this.manifest.buildId) return null
    await this.#options.prepare?.(loaded)
    return loaded
  }

  /** Serves a staged build from the next request on; a request already running keeps the engine it took. */
  serve(loaded: OpenedEngine): void {
    const before = this.manifest
    this.#opened = loaded
    this.#log(`Index reloaded: build ${before.buildId} → ${loaded.manifest.buildId} (${loaded.manifest.documents} documents, ${loaded.manifest.passages} passages).`)
  }

  /**
   * Rebuilds from the seeds when they changed, then loads the new build. `swapped` when the build served afterwards
   * is not the one served before, whether this call loaded it or the watcher of `CURRENT` got there first.
   */
  async rebuild(): Promise<ReloadOutcome> {
    const before = this.manifest.buildId
    try {
      await this.#options.rebuild()
    } catch (error) {
      this.#log(`Index rebuild failed; still serving build ${this.manifest.buildId}: ${(error as Error).message}`)
      return 'failed'
    }
    const outcome = await this.refresh()
    if (outcome === 'failed') return outcome
    return this.manifest.buildId === before ? 'unchanged' : 'swapped'
  }

  /** Reloads whenever `CURRENT` is replaced (a build by `npm run index` or by `rebuild`). Returns the function that stops watching. */
  watch(intervalMs = 500): () => void {
    return watchCurrent(this.#options.indexDir, () => void this.refresh(), intervalMs)
  }

  #serialise(reload: () => Promise<ReloadOutcome>): Promise<ReloadOutcome> {
    if (this.#running) {
      this.#again = true
      return this.#running
    }
    const run = async (): Promise<ReloadOutcome> => {
      let outcome: ReloadOutcome = 'unchanged'
      do {
        this.#again = false
        try {
          if ((await reload()) === 'swapped') outcome = 'swapped'
        } catch (error) {
          this.#log(`Index reload failed; still serving build ${this.manifest.buildId}: ${(error as Error).message}`)
          if (outcome !== 'swapped') outcome = 'failed'
        }
      } while (this.#again)
      return outcome
    }
    this.#running = run().finally(() => (this.#running = null))
    return this.#running
  }
}

/** Calls `changed` whenever the `CURRENT` file of `indexDir` is replaced. Returns the function that stops watching. */
export function watchCurrent(indexDir: string, changed: () => void, intervalMs = 500): () => void {
  const current = join(indexDir, 'CURRENT')
  const listener = (now: Stats, before: Stats) => {
    if (now.ino !== before.ino || now.mtimeMs !== before.mtimeMs) changed()
  }
  watchFile(current, { interval: intervalMs, persistent: false }, listener)
  return () => unwatchFile(current, listener)
}
