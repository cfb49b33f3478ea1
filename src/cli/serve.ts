// `npm start`: checks its settings, opens (building if needed) the index and serves the API on HOST:PORT
// (127.0.0.1:8787). A new build in the index folder is picked up while serving; SIGHUP (`npm run reload`) rebuilds
// from the seeds when they changed. The pid file (indexes/server.pid) says which process to signal.

import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { serve } from '@hono/node-server'
import { openEngine } from '../search/open.js'
import { warmUp } from '../search/warm-up.js'
import { createApp } from '../server/app.js'
import { serverLimits } from '../server/guard.js'
import { LiveEngine } from '../server/reload.js'
import { defaultIndexDir, defaultSeedDir, fail, run } from './common.js'
import { readState, removeServerFiles, runningPid, writeServerFiles, writeState } from './pid-file.js'
import { ocrProgressPrinter, progressPrinter } from './progress.js'
import { runIndexer } from './reindex.js'
import { serveSettings } from './serve-env.js'

const checked = serveSettings(process.env, defaultIndexDir)
if ('problems' in checked) fail(`the server's settings are wrong; nothing was started.\n${checked.problems}`, 2)
const { host, port, guard, pidFile } = checked.settings

run(async () => {
  const started = performance.now()
  const log = (line: string) => console.error(line)
  const opened = await openEngine({ seedDir: defaultSeedDir, indexDir: defaultIndexDir, log, onProgress: progressPrinter(), onOcrProgress: ocrProgressPrinter() })
  const { engine, manifest } = opened
  const warmed = await warmUp(engine)
  const live = new LiveEngine(opened, {
    indexDir: defaultIndexDir,
    load: () => openEngine({ seedDir: defaultSeedDir, indexDir: defaultIndexDir, build: 'never', log }),
    prepare: async (loaded) => void (await warmUp(loaded.engine)),
    rebuild: () => runIndexer(defaultSeedDir, defaultIndexDir),
    log,
  })
  const status = () => ({ indexBuiltAt: live.manifest.builtAt, indexFormat: live.manifest.formatVersion, corpusHash: live.manifest.corpusHash })
  const app = createApp(() => live.engine, status, { guard })
  let ownsPidFile = false
  const server = serve({ fetch: app.fetch, hostname: host, port, serverOptions: serverLimits }, (info) => {
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}/`
    const other = runningPid(pidFile)
    if (other !== null && other !== process.pid) {
      log(`Another server (pid ${other}) has ${pidFile}: \`npm run reload\` reaches that one, not this (pid ${process.pid}).`)
    } else {
      mkdirSync(dirname(pidFile), { recursive: true })
      writeServerFiles(pidFile, { pid: process.pid, url, reloads: 0 })
      ownsPidFile = true
    }
    const semantic = engine.semanticStatus
    console.log(`Search ready at ${url} — ${manifest.documents} documents, ${manifest.passages} passages, started in ${Math.round(performance.now() - started)} ms (of which ${warmed.searches} warm-up searches, ${Math.round(warmed.ms)} ms).`)
    console.log(`Semantic: ${semantic.note} Channels: keyword${semantic.channels.map((c) => `, ${c}`).join('')}.`)
    console.log(`Try: curl '${url}search?q=protection+des+t%C3%A9moins' · API reference: ${url}api`)
    console.log(`Reload after changing the seeds: npm run reload (or kill -HUP ${process.pid}).`)
  })
  server.on('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? `${host}:${port} is already in use: set PORT to another port.` : error.message))
  const stopWatching = live.watch()
  process.on('SIGHUP', async () => {
    const outcome = await live.rebuild()
    const state = ownsPidFile ? readState(pidFile) : null
    if (state) writeState(pidFile, { ...state, reloads: state.reloads + 1, last: { outcome, buildId: live.manifest.buildId, at: new Date().toISOString() } })
  })
  // The pid file goes first, so that nothing signals a server on its way out; idle keep-alive connections are closed
  // at once rather than after their timeout.
  const stop = () => {
    stopWatching()
    if (ownsPidFile) removeServerFiles(pidFile)
    server.close(() => process.exit(0))
    if ('closeIdleConnections' in server) server.closeIdleConnections()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
})
