// The running server's pid file and, beside it, what became of its last reload: how `npm run reload` (or a
// `kill -HUP $(cat indexes/server.pid)`) reaches the server itself rather than the npm or shell process around it.

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ReloadOutcome } from '../server/reload.js'

/** What the server writes beside its pid file (`<pid file>.json`) when it starts and after every reload. */
export interface ServerState {
  pid: number
  url: string
  /** Reloads asked for by SIGHUP and finished, since the server started. */
  reloads: number
  last?: { outcome: ReloadOutcome; buildId: string; at: string }
}

export const statePath = (pidFile: string) => `${pidFile}.json`

/** The pid in the file, or null when there is none or it names no running process. */
export function runningPid(pidFile: string): number | null {
  let pid: number
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim())
  } catch {
    return null
  }
  if (!Number.isInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
    return pid
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null
  }
}

export function readState(pidFile: string): ServerState | null {
  try {
    return JSON.parse(readFileSync(statePath(pidFile), 'utf8')) as ServerState
  } catch {
    return null
  }
}

/** Writes the pid file and the state beside it, each whole (written aside, then renamed). */
export function writeServerFiles(pidFile: string, state: ServerState): void {
  writeWhole(pidFile, `${state.pid}\n`)
  writeWhole(statePath(pidFile), `${JSON.stringify(state, null, 2)}\n`)
}

export function writeState(pidFile: string, state: ServerState): void {
  writeWhole(statePath(pidFile), `${JSON.stringify(state, null, 2)}\n`)
}

/**
 * Takes the pid file for this process, serving `url`, unless another running server has it (then says so and leaves
 * it). Returns whether this process owns it.
 */
export function claimServerFiles(pidFile: string, url: string, log: (line: string) => void): boolean {
  const other = runningPid(pidFile)
  if (other !== null && other !== process.pid) {
    log(`Another server (pid ${other}) has ${pidFile}: \`npm run reload\` reaches that one, not this (pid ${process.pid}).`)
    return false
  }
  mkdirSync(dirname(pidFile), { recursive: true })
  writeServerFiles(pidFile, { pid: process.pid, url, reloads: 0 })
  return true
}

/** Counts a finished SIGHUP reload in the state beside the pid file (when this process owns it). */
export function recordReload(pidFile: string, owned: boolean, outcome: ReloadOutcome, buildId: string): void {
  const state = owned ? readState(pidFile) : null
  if (state) writeState(pidFile, { ...state, reloads: state.reloads + 1, last: { outcome, buildId, at: new Date().toISOString() } })
}

/** Removes both files, if they are still this process's. */
export function removeServerFiles(pidFile: string): void {
  try {
    if (Number(readFileSync(pidFile, 'utf8').trim()) !== process.pid) return
  } catch {
    return
  }
  rmSync(statePath(pidFile), { force: true })
  rmSync(pidFile, { force: true })
}

function writeWhole(path: string, text: string): void {
  const aside = `${path}.${process.pid}.tmp`
  writeFileSync(aside, text)
  renameSync(aside, path)
}
