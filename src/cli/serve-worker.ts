// A cluster worker of `npm start`: serves the shared port like a lone server, while the primary owns the pid file,
// decides when to reload (every worker swaps to a new build together) and when to stop.

import type { OpenedEngine } from '../search/open.js'
import type { LiveEngine } from '../server/reload.js'
import { fail, run } from './common.js'
import type { ServeSettings } from './serve-env.js'
import { warmedUpLine } from './serve-ready.js'
import { startServing } from './serve-process.js'
import { WORKER_BUILD, type FromWorker, type ToWorker } from './serve-messages.js'

export function runWorker(settings: ServeSettings): void {
  const log = (line: string) => console.error(`worker ${process.pid}: ${line}`)
  const send = (message: FromWorker) => process.send?.(message)
  let close: (() => Promise<void>) | null = null
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    if (!close) process.exit(0)
    void close().then(() => process.exit(0))
  }
  // Ctrl-C reaches every process of the terminal's group, and a primary that dies closes the channel: either way,
  // finish the requests being answered, then exit. A HUP is the primary's to act on.
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.on('disconnect', stop)
  process.on('SIGHUP', () => {})

  let live: LiveEngine | null = null
  let staged: OpenedEngine | null = null
  process.on('message', async (message: ToWorker) => {
    if (message.type === 'stop') return stop()
    const { id } = message
    if (!live) return send({ type: 'failed', id, message: `worker ${process.pid} is still starting` })
    if (message.type === 'discard') staged = null
    else if (message.type === 'serve') {
      if (staged) live.serve(staged)
      staged = null
      send({ type: 'served', id, buildId: live.manifest.buildId })
    } else {
      try {
        staged = await live.stage()
        send({ type: 'staged', id, buildId: staged?.manifest.buildId ?? null })
      } catch (error) {
        staged = null
        send({ type: 'failed', id, message: (error as Error).message })
      }
    }
  })
  run(async () => {
    const build = process.env[WORKER_BUILD] === 'if-needed' ? 'if-needed' : 'never'
    const serving = await startServing(settings, build, log).catch((error: Error) => fail(error.message))
    live = serving.live
    close = serving.close
    send({ type: 'ready', info: serving.info })
    void serving.warmedUp.then((warmed) => log(warmedUpLine(warmed)))
  })
}
