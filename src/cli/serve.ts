// `npm start`: checks its settings, opens (building if needed) the index and serves the API on HOST:PORT
// (127.0.0.1:8787). With WORKERS above 1 a primary process forks that many serving processes sharing the port
// (serve-cluster.ts); with WORKERS=1, the default, this process serves alone. Either way a new build in the index
// folder is picked up while serving; SIGHUP (`npm run reload`) rebuilds from the seeds when they changed. The pid file
// (indexes/server.pid) says which process to signal.

import cluster from 'node:cluster'
import { defaultIndexDir, fail, run } from './common.js'
import { claimServerFiles, recordReload, removeServerFiles } from './pid-file.js'
import { serveSettings, type ServeSettings } from './serve-env.js'
import { readyLines, serverUrl, warmedUpLine } from './serve-ready.js'

const checked = serveSettings(process.env, defaultIndexDir)
if ('problems' in checked) fail(`the server's settings are wrong; nothing was started.\n${checked.problems}`, 2)
const { settings } = checked

// The primary loads only what it runs: the engine's modules are for the processes that serve.
if (cluster.isWorker) (await import('./serve-worker.js')).runWorker(settings)
else if (settings.workers > 1) (await import('./serve-cluster.js')).runPrimary(settings)
else runAlone(settings)

/** One process that opens the index, serves it, owns the pid file and answers SIGHUP itself. */
function runAlone(settings: ServeSettings): void {
  const { host, pidFile } = settings
  run(async () => {
    const log = (line: string) => console.error(line)
    const { startServing } = await import('./serve-process.js')
    const { live, info, close, warmedUp } = await startServing(settings, settings.build, log).catch((error: Error) => fail(error.message))
    const ownsPidFile = claimServerFiles(pidFile, serverUrl(host, info.port), log)
    for (const line of readyLines(host, info, process.pid, settings.build)) console.log(line)
    void warmedUp.then((warmed) => log(warmedUpLine(warmed)))
    const stopWatching = live.watch()
    process.on('SIGHUP', async () => {
      const outcome = await live.rebuild()
      recordReload(pidFile, ownsPidFile, outcome, live.manifest.buildId)
    })
    // The pid file goes first, so that nothing signals a server on its way out.
    const stop = () => {
      stopWatching()
      if (ownsPidFile) removeServerFiles(pidFile)
      void close().then(() => process.exit(0))
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
