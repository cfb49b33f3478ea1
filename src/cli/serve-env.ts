// What `npm start` reads from the environment, checked before anything is opened: a mistake is one clear message.

import { join } from 'node:path'
import { z } from 'zod'
import type { GuardOptions } from '../server/guard.js'

/** The server's settings, from the environment. */
export interface ServeSettings {
  host: string
  port: number
  guard: Partial<GuardOptions>
  /** Where the server writes its process id, for `npm run reload` and `kill -HUP`. */
  pidFile: string
  /** Serving processes sharing the port, each holding the index in memory (`WORKERS`): 1 serves from this process. */
  workers: number
  /**
   * `INDEX_BUILD`: `if-needed` (the default) builds the index at start when the corpus folder changed, and SIGHUP
   * rebuilds it; `never` serves the index folder as it is, the corpus folder unread — a read replica of a build made
   * elsewhere, which SIGHUP only reloads.
   */
  build: 'if-needed' | 'never'
}

/**
 * Serving processes when `WORKERS` is not set: one. More pay only where cores are left idle by everything else: on
 * the 2-core machine of docs/benchmarks.md, shared with the load generator and other work, two workers answered no
 * more requests than one and spent more CPU on each. Each worker holds its own copy of the index in memory.
 */
export const DEFAULT_WORKERS = 1

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: (issue) => `${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(issue.input)}.` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: (issue) => `${name} must be from ${min} to ${max}; got ${issue.input}.` })

const Environment = z.object({
  HOST: z
    .string()
    .regex(/^[\w.:[\]-]+$/, { error: (issue) => `HOST must be a host name or address such as 127.0.0.1 or ::1; got ${JSON.stringify(issue.input)}.` })
    .default('127.0.0.1'),
  PORT: wholeNumber('PORT', 0, 65535).default(8787),
  CORS_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, {
      error: (issue) => `CORS_ORIGIN must be one origin such as https://example.org (scheme and host, no path, no *); got ${JSON.stringify(issue.input)}.`,
    })
    .optional(),
  MAX_IN_FLIGHT: wholeNumber('MAX_IN_FLIGHT', 1, 100_000).optional(),
  PID_FILE: z.string().min(1).optional(),
  WORKERS: wholeNumber('WORKERS', 1, 64).optional(),
  INDEX_BUILD: z
    .enum(['if-needed', 'never'], {
      error: (issue) =>
        `INDEX_BUILD must be if-needed (build the index at start when the corpus changed: the default) or never (serve the index folder as it is, a read replica); got ${JSON.stringify(issue.input)}.`,
    })
    .default('if-needed'),
})

/**
 * The settings `env` gives, or every problem in one message (one line each). Empty variables count as unset.
 * `indexDir` is where the pid file goes unless PID_FILE says otherwise.
 */
export function serveSettings(env: NodeJS.ProcessEnv, indexDir: string): { settings: ServeSettings } | { problems: string } {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const parsed = Environment.safeParse(set)
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => issue.message).join('\n') }
  const { HOST, PORT, CORS_ORIGIN, MAX_IN_FLIGHT, PID_FILE, WORKERS, INDEX_BUILD } = parsed.data
  const guard: Partial<GuardOptions> = {}
  if (CORS_ORIGIN) guard.corsOrigin = CORS_ORIGIN
  if (MAX_IN_FLIGHT !== undefined) guard.maxInFlight = MAX_IN_FLIGHT
  return { settings: { host: HOST, port: PORT, guard, pidFile: PID_FILE ?? join(indexDir, PID_FILE_NAME), workers: WORKERS ?? DEFAULT_WORKERS, build: INDEX_BUILD } }
}

/** The pid file's name in the index folder. */
export const PID_FILE_NAME = 'server.pid'
