// `npm run reload`: asks the running server to rebuild from the seeds (when they changed) and swap the new index in,
// then says what happened. It signals the pid in the server's pid file, never the npm or shell process around it.

import { defaultIndexDir, fail, run } from './common.js'
import { readState, runningPid } from './pid-file.js'
import { serveSettings } from './serve-env.js'

/** How long a rebuild may take before we stop waiting (the server goes on). */
const WAIT_MS = 30 * 60_000
const POLL_MS = 200

const checked = serveSettings(process.env, defaultIndexDir)
if ('problems' in checked) fail(checked.problems, 2)
const { pidFile } = checked.settings

run(async () => {
  const pid = runningPid(pidFile)
  if (pid === null) fail(`no server is running from ${defaultIndexDir} (${pidFile} is missing or names no live process): start one with npm start.`)
  const before = readState(pidFile)?.reloads ?? 0
  process.kill(pid, 'SIGHUP')
  console.error(`Asked the server (pid ${pid}) to reload; it rebuilds the index if the seeds changed, serving meanwhile…`)
  const deadline = Date.now() + WAIT_MS
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    if (runningPid(pidFile) !== pid) fail(`the server (pid ${pid}) stopped before finishing the reload; see its log.`)
    const state = readState(pidFile)
    if (state && state.reloads > before && state.last) {
      const { outcome, buildId } = state.last
      if (outcome === 'failed') fail(`the rebuild failed; the server still serves build ${buildId} (its log says why).`)
      console.log(outcome === 'swapped' ? `Reloaded: the server now serves build ${buildId}.` : `Nothing to reload: the seeds have not changed (build ${buildId}).`)
      return
    }
  }
  fail(`the server (pid ${pid}) has not finished reloading after ${WAIT_MS / 60_000} minutes; it goes on, see its log.`)
})
