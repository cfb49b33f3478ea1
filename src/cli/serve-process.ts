// One serving process: opens the index (building it if allowed), listens, then warms up while it answers. `npm start` runs one, or
// several as cluster workers sharing the port (see serve-cluster.ts); either way this is what answers requests.

import { serve } from '@hono/node-server'
import { openEngine } from '../search/open.js'
import { warmUp } from '../search/warm-up.js'
import { createApp } from '../server/app.js'
import { serverLimits } from '../server/guard.js'
import { LiveEngine } from '../server/reload.js'
import { defaultIndexDir, defaultSeedDir } from './common.js'
import { ocrProgressPrinter, progressPrinter } from './progress.js'
import { runIndexer } from './reindex.js'
import type { ServeSettings } from './serve-env.js'
import type { ServingInfo } from './serve-ready.js'

export interface ServingProcess {
  live: LiveEngine
  info: ServingInfo
  /** Stops listening, lets the requests being answered finish, closes idle connections; resolves when closed. */
  close: () => Promise<void>
  /** The warm-up that runs once the process listens: how many searches it made and in how long. */
  warmedUp: Promise<{ searches: number; ms: number }>
}

/**
 * Opens the index and listens on the settings' host and port. `build: 'never'` only reads the index (a cluster
 * worker after the first, which built it if needed). Rejects when the port is taken.
 *
 * The warm-up (see `warmUp`) starts once the process listens rather than before: at 100 000 passages it costs about
 * as much CPU as opening the index, and a person searching meanwhile is better answered a little slower than not at
 * all. It gives way to requests between its steps; a request that comes first makes what it needs itself.
 */
export async function startServing(settings: ServeSettings, build: 'if-needed' | 'never', log: (line: string) => void): Promise<ServingProcess> {
  const started = performance.now()
  const { host, port, guard } = settings
  const opened = await openEngine({
    seedDir: defaultSeedDir,
    indexDir: defaultIndexDir,
    build,
    log,
    ...(build === 'never' ? {} : { onProgress: progressPrinter(), onOcrProgress: ocrProgressPrinter() }),
  })
  const live = new LiveEngine(opened, {
    indexDir: defaultIndexDir,
    load: () => openEngine({ seedDir: defaultSeedDir, indexDir: defaultIndexDir, build: 'never', log }),
    prepare: async (loaded) => void (await warmUp(loaded.engine)),
    // A read replica (INDEX_BUILD=never) builds nothing: SIGHUP only loads the build CURRENT names.
    rebuild: () => (settings.build === 'never' ? Promise.resolve() : runIndexer(defaultSeedDir, defaultIndexDir)),
    log,
  })
  const status = () => ({ indexBuiltAt: live.manifest.builtAt, indexFormat: live.manifest.formatVersion, corpusHash: live.manifest.corpusHash })
  const app = createApp(() => live.engine, status, { guard })
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, hostname: host, port, serverOptions: serverLimits }, () => resolve(listening))
    listening.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `${host}:${port} is already in use: set PORT to another port.` : error.message)),
    )
  })
  const { engine, manifest } = opened
  const info: ServingInfo = {
    port: (server.address() as { port: number }).port,
    buildId: manifest.buildId,
    documents: manifest.documents,
    passages: manifest.passages,
    startedMs: Math.round(performance.now() - started),
    semantic: { note: engine.semanticStatus.note, channels: engine.semanticStatus.channels },
  }
  // Idle keep-alive connections are closed at once rather than after their timeout.
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      if ('closeIdleConnections' in server) server.closeIdleConnections()
    })
  return { live, info, close, warmedUp: warmUp(engine) }
}
