// Shared test helpers: one engine over the real seeds, built once per test file into a temporary index (removed after the file).

import { readFileSync } from 'node:fs'
import { get } from 'node:http'
import { Engine } from '../src/search/engine.js'
import { openEngine, type OpenedEngine } from '../src/search/open.js'
import { tempDir } from './temp.js'

let opened: Promise<OpenedEngine> | undefined

/**
 * The engine over `seeds/`, with the offline semantic channels and no dense model, and no time budget: on a busy
 * machine a first search can pass the 150 ms budget and leave channels out, which would make the answers the tests
 * check depend on the machine's load (the budget has its own tests, with a budget already spent).
 */
export function seedEngine(): Promise<OpenedEngine> {
  opened ??= tempDir('ctoc-index-')
    .then((indexDir) => openEngine({ seedDir: 'seeds', indexDir, model: null }))
    .then((o) => ({ ...o, engine: new Engine({ ...o.engine.parts, timeBudgetMs: Infinity }) }))
  return opened
}

export const ids = (results: Array<{ id: string }>) => results.map((r) => r.id)

/** A GET through `app.request` (no server listens), with the status and the parsed JSON body. */
export async function getJson(app: { request(path: string): Response | Promise<Response> }, path: string): Promise<{ status: number; body: any }> {
  const response = await app.request(path)
  return { status: response.status, body: await response.json() }
}

/** A GET on a connection of its own, closed after (a burst of connections, none kept alive into the next): its status, `Retry-After` and body. */
export function onItsOwnConnection(url: string): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      let body = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'] as string | undefined, body }))
    }).on('error', reject)
  })
}

/** Whether a process runs (a zombie, exited but not yet reaped by an init that does not reap, does not count). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}
