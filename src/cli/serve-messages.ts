// What the primary of `npm start` and its cluster workers say to each other (see serve-cluster.ts).

import type { ServingInfo } from './serve-ready.js'

/** From the primary: load a new build aside, serve the one loaded aside, forget it, or stop. */
export type ToWorker = { type: 'stage' | 'serve' | 'discard'; id: number } | { type: 'stop' }

/** To the primary. `staged` with a null build: `CURRENT` names the build already served. */
export type FromWorker =
  | { type: 'ready'; info: ServingInfo }
  | { type: 'staged'; id: number; buildId: string | null }
  | { type: 'served'; id: number; buildId: string }
  | { type: 'failed'; id: number; message: string }

/** The environment variable by which the primary tells a worker it may build the index (only the first may). */
export const WORKER_BUILD = 'SERVE_WORKER_BUILD'
