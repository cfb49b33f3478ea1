// `npm start`: opens (building if needed) the index and serves the API on HOST:PORT (127.0.0.1:8787).
// A new build in the index folder is picked up while serving; SIGHUP rebuilds from the seeds when they changed.

import { serve } from '@hono/node-server'
import { openEngine } from '../index/open.js'
import { createApp } from '../server/app.js'
import { guardOptionsFromEnv, serverLimits } from '../server/guard.js'
import { LiveEngine } from '../server/reload.js'
import { defaultIndexDir, defaultSeedDir, fail, run } from './common.js'
import { ocrProgressPrinter, progressPrinter } from './progress.js'
import { runIndexer } from './reindex.js'

const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 8787)

run(async () => {
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number (0–65535); got ${process.env.PORT}.`, 2)
  const started = performance.now()
  const log = (line: string) => console.error(line)
  const opened = await openEngine({ seedDir: defaultSeedDir, indexDir: defaultIndexDir, log, onProgress: progressPrinter(), onOcrProgress: ocrProgressPrinter() })
  const { engine, manifest } = opened
  const live = new LiveEngine(opened, {
    indexDir: defaultIndexDir,
    load: () => openEngine({ seedDir: defaultSeedDir, indexDir: defaultIndexDir, build: 'never', log }),
    rebuild: () => runIndexer(defaultSeedDir, defaultIndexDir),
    log,
  })
  const status = () => ({ indexBuiltAt: live.manifest.builtAt, indexFormat: live.manifest.formatVersion, corpusHash: live.manifest.corpusHash })
  const app = createApp(() => live.engine, status, { guard: guardOptionsFromEnv() })
  const server = serve({ fetch: app.fetch, hostname: host, port, serverOptions: serverLimits }, (info) => {
    const semantic = engine.semanticStatus
    console.log(`Search ready at http://${host}:${info.port}/ — ${manifest.documents} documents, ${manifest.passages} passages, started in ${Math.round(performance.now() - started)} ms.`)
    console.log(`Semantic: ${semantic.note} Channels: keyword${semantic.channels.map((c) => `, ${c}`).join('')}.`)
    console.log(`Try: curl 'http://${host}:${info.port}/search?q=protection+des+t%C3%A9moins'`)
  })
  server.on('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? `${host}:${port} is already in use: set PORT to another port.` : error.message))
  const stopWatching = live.watch()
  process.on('SIGHUP', () => void live.rebuild())
  const stop = () => {
    stopWatching()
    server.close(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
})
