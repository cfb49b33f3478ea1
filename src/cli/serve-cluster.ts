// The primary of `npm start` with WORKERS above 1: forks the serving processes, which share the port (Node's
// cluster hands each new connection to the next worker), and does for all of them what a lone server does for
// itself — the pid file, SIGHUP rebuilds, following `CURRENT`, the graceful stop — without loading the index.
//
// A swap is made by every worker together: each loads and warms the new build aside, and only when all have it do
// they all serve it, so two requests in a row never see a newer build and then an older one.

import cluster, { type Worker } from 'node:cluster'
import { watchCurrent, type ReloadOutcome } from '../server/reload.js'
import { defaultIndexDir, defaultSeedDir, run } from './common.js'
import { claimServerFiles, recordReload, removeServerFiles } from './pid-file.js'
import { runIndexer } from './reindex.js'
import type { ServeSettings } from './serve-env.js'
import { readyLines, serverUrl, type ServingInfo } from './serve-ready.js'
import { WORKER_BUILD, type FromWorker, type ToWorker } from './serve-messages.js'

/** How long stopping workers may take to finish their requests before they are killed. */
const STOP_GRACE_MS = 10_000

export function runPrimary(settings: ServeSettings): void {
  const { host, pidFile, workers: count } = settings
  const started = performance.now()
  const log = (line: string) => console.error(line)
  /** The workers that serve (started and not stopped), and the build they serve. */
  const serving = new Set<Worker>()
  let buildId = ''
  let stopping = false
  let ownsPidFile = false
  let nextId = 0

  /** Forks a worker and resolves once it listens; rejects with why it exited before. */
  const startWorker = (build: 'if-needed' | 'never') =>
    new Promise<{ worker: Worker; info: ServingInfo }>((resolve, reject) => {
      const worker = cluster.fork({ [WORKER_BUILD]: build })
      const ready = (message: FromWorker) => {
        if (message.type !== 'ready') return
        worker.off('message', ready).off('exit', early)
        worker.once('exit', (code, signal) => lost(worker, signal ?? `code ${code}`))
        serving.add(worker)
        resolve({ worker, info: message.info })
      }
      const early = (code: number | null, signal: string | null) => reject(Object.assign(new Error(`exited with ${signal ?? `code ${code}`}`), { code }))
      worker.on('message', ready).once('exit', early)
    })

  // A worker that dies while serving is replaced (it reads the index; it does not build it).
  const lost = (worker: Worker, how: string) => {
    serving.delete(worker)
    if (stopping) return
    log(`Worker ${worker.process.pid} exited (${how}); starting another.`)
    startWorker('never').then(
      ({ worker: replacement }) => log(`Worker ${replacement.process.pid} serves in place of ${worker.process.pid}.`),
      (error: Error) => log(`The replacement worker ${error.message}; serving with ${serving.size}.`),
    )
  }

  /** Sends one request to a worker and resolves with its answer (a failure if it exits first). */
  const ask = (worker: Worker, type: 'stage' | 'serve') =>
    new Promise<FromWorker>((resolve) => {
      const id = ++nextId
      const answer = (message: FromWorker) => 'id' in message && message.id === id && (done(), resolve(message))
      const exited = () => (done(), resolve({ type: 'failed', id, message: `worker ${worker.process.pid} exited` }))
      const done = () => worker.off('message', answer).off('exit', exited)
      worker.on('message', answer).once('exit', exited)
      worker.send({ type, id } satisfies ToWorker)
    })

  /** Every worker stages the build `CURRENT` names; if all can, all serve it. */
  const reloadOnce = async (): Promise<ReloadOutcome | 'again'> => {
    const workers = [...serving]
    const answers = await Promise.all(workers.map((worker) => ask(worker, 'stage')))
    const failed = answers.find((answer) => answer.type === 'failed')
    const builds = new Set(answers.flatMap((answer) => (answer.type === 'staged' && answer.buildId ? [answer.buildId] : [])))
    if (failed || builds.size !== 1) {
      for (const worker of workers) if (worker.isConnected()) worker.send({ type: 'discard', id: ++nextId } satisfies ToWorker)
      if (failed?.type === 'failed') {
        log(`Index reload failed; still serving build ${buildId}: ${failed.message}`)
        return 'failed'
      }
      // None staged: nothing new. Two builds: CURRENT moved while the workers read it; read it again.
      return builds.size === 0 ? 'unchanged' : 'again'
    }
    await Promise.all(workers.map((worker) => ask(worker, 'serve')))
    const [next] = builds
    log(`Index reloaded: build ${buildId} → ${next!} (${workers.length} workers).`)
    buildId = next!
    return 'swapped'
  }

  // One reload at a time; one asked for during a reload runs once more after it.
  let running: Promise<ReloadOutcome> | null = null
  let again = false
  const reload = (): Promise<ReloadOutcome> => {
    if (running) {
      again = true
      return running
    }
    const loop = async () => {
      let outcome: ReloadOutcome = 'unchanged'
      do {
        again = false
        const once = await reloadOnce()
        if (once === 'again') again = true
        else if (once === 'swapped' || (once === 'failed' && outcome !== 'swapped')) outcome = once
      } while (again && !stopping)
      return outcome
    }
    running = loop().finally(() => (running = null))
    return running
  }

  run(async () => {
    // The first worker builds the index if it must (as a lone server would); the others read what it built.
    const first = await startWorker(settings.build).catch((error: Error & { code?: number | null }) => {
      log(`The server could not start: its first worker ${error.message}.`)
      process.exit(error.code || 1)
    })
    buildId = first.info.buildId
    const url = serverUrl(host, first.info.port)
    ownsPidFile = claimServerFiles(pidFile, url, log)
    // One write, so that whoever reads the ready line reads the workers' line with it.
    const info = { ...first.info, startedMs: Math.round(performance.now() - started) }
    console.log([...readyLines(host, info, process.pid, settings.build), `Workers: 1 of ${count} serving; the others are loading the index.`].join('\n'))

    const stopWatching = watchCurrent(defaultIndexDir, () => void reload())
    process.on('SIGHUP', async () => {
      const before = buildId
      let outcome: ReloadOutcome
      try {
        if (settings.build !== 'never') await runIndexer(defaultSeedDir, defaultIndexDir)
        outcome = await reload()
        if (outcome !== 'failed') outcome = buildId === before ? 'unchanged' : 'swapped'
      } catch (error) {
        log(`Index rebuild failed; still serving build ${buildId}: ${(error as Error).message}`)
        outcome = 'failed'
      }
      recordReload(pidFile, ownsPidFile, outcome, buildId)
    })
    // The pid file goes first, so that nothing signals a server on its way out; each worker finishes the requests
    // it is answering, and the primary exits when the last one has.
    const stop = () => {
      if (stopping) return
      stopping = true
      stopWatching()
      if (ownsPidFile) removeServerFiles(pidFile)
      const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined)
      for (const worker of workers) if (worker.isConnected()) worker.send({ type: 'stop' } satisfies ToWorker)
      const exitWhenAlone = () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0)
      cluster.on('exit', exitWhenAlone)
      exitWhenAlone()
      setTimeout(() => workers.forEach((worker) => worker.process.kill('SIGKILL')), STOP_GRACE_MS).unref()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)

    const others = await Promise.allSettled(Array.from({ length: count - 1 }, () => startWorker('never')))
    for (const result of others) if (result.status === 'rejected') log(`A worker did not start: it ${result.reason.message}.`)
    if (!stopping) console.log(`${serving.size} worker processes serve ${url} (WORKERS=${count}).`)
  })
}
