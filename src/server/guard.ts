// What stands between a client and the API: security headers, CORS only when asked for, bounded bodies, bounded
// concurrency, and the Node server's own limits for slow or oversized clients.

import type { ServerOptions } from 'node:http'
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { errorCatalogue, type ErrorCode } from '../errors.js'

export interface GuardOptions {
  /** Largest request body read, in bytes; the API takes none, so this only bounds what a client can make us read. 0–1 MiB. Defaults to 16 384. */
  maxBodyBytes: number
  /**
   * Requests admitted at once by this process, running or waiting their turn (searches run one at a time); one more
   * gets 503 with `Retry-After`. Bounds how long an admitted request can wait. 1–100 000. Defaults to 256.
   */
  maxInFlight: number
  /** What `Retry-After` says on a 503, in seconds. 1–3600. Defaults to 1. */
  retryAfterSeconds: number
  /** The one origin allowed to call the API from a browser (CORS), or null for none. Defaults to null (`serve` reads `CORS_ORIGIN`). */
  corsOrigin: string | null
}

export const defaultGuardOptions: GuardOptions = {
  maxBodyBytes: 16_384,
  maxInFlight: 256,
  retryAfterSeconds: 1,
  corsOrigin: null,
}

/** The middleware, in the order they must run: headers first, so that even a refusal carries them. */
export function guards(options: Partial<GuardOptions> = {}): MiddlewareHandler[] {
  const { maxBodyBytes, maxInFlight, retryAfterSeconds, corsOrigin } = checkGuardOptions({ ...defaultGuardOptions, ...options })
  const refuse = (code: ErrorCode, message: string, headers: Record<string, string> = {}) =>
    Response.json({ error: { code, message } }, { status: errorCatalogue[code].status, headers })
  const handlers: MiddlewareHandler[] = [
    // The page at `/` loads its scripts and styles from this server only (no inline code), and nothing may frame it.
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      // Plain HTTP on loopback: a browser ignores HSTS there, and a proxy in front sets its own.
      strictTransportSecurity: false,
    }),
  ]
  if (corsOrigin) handlers.push(cors({ origin: corsOrigin, allowMethods: ['GET', 'HEAD'], maxAge: 600 }))
  let inFlight = 0
  handlers.push(
    async (c, next) => {
      if (inFlight >= maxInFlight) {
        c.res = refuse('OVERLOADED', `The server is answering ${inFlight} requests already; retry in ${retryAfterSeconds} s.`, {
          'Retry-After': String(retryAfterSeconds),
        })
        return
      }
      inFlight++
      try {
        // A search runs synchronously: without this yield each request would finish before the next one is even
        // read, so the count would never pass 1 and the cap never fire while requests pile up unread in the sockets.
        // Yielding once lets every request that has arrived be counted (and refused past the cap) before any runs;
        // those admitted then run in arrival order, so an admitted request waits for at most maxInFlight − 1 others.
        await new Promise((resolve) => setImmediate(resolve))
        await next()
      } finally {
        inFlight--
      }
    },
    // Judged from the headers, before a byte of the body is read: Node would otherwise read and discard a GET's body
    // to the end. A chunked body has no length to judge, so it is refused too. The connection is closed after.
    async (c, next) => {
      const length = Number(c.req.header('content-length') ?? 0)
      if (c.req.header('transfer-encoding') || !(length <= maxBodyBytes)) {
        c.res = refuse('PAYLOAD_TOO_LARGE', `The request body is over ${maxBodyBytes} bytes or of unknown length; the API reads none (use GET with a query string).`, {
          Connection: 'close',
        })
        return
      }
      await next()
    },
  )
  return handlers
}

/**
 * Limits for the Node HTTP server, for `serve({ serverOptions })`: a client has 10 s to send its headers and
 * 30 s for the whole request, an idle keep-alive connection is closed after 5 s, and the limits are checked
 * every second (Node's default of 30 s would let a slow client hold a socket for 40 s).
 */
export const serverLimits = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
  maxHeaderSize: 16_384,
} satisfies ServerOptions

function checkGuardOptions(options: GuardOptions): GuardOptions {
  const integer = (value: number, low: number, high: number) => Number.isInteger(value) && value >= low && value <= high
  if (!integer(options.maxBodyBytes, 0, 1 << 20)) throw new Error(`guards: maxBodyBytes must be a whole number from 0 to 1048576, got ${options.maxBodyBytes}.`)
  if (!integer(options.maxInFlight, 1, 100_000)) throw new Error(`guards: maxInFlight (MAX_IN_FLIGHT) must be a whole number from 1 to 100000, got ${options.maxInFlight}.`)
  if (!integer(options.retryAfterSeconds, 1, 3600)) throw new Error(`guards: retryAfterSeconds must be a whole number from 1 to 3600, got ${options.retryAfterSeconds}.`)
  if (options.corsOrigin !== null && !/^https?:\/\/[^/\s]+$/.test(options.corsOrigin)) {
    throw new Error(`guards: CORS_ORIGIN must be an origin such as https://example.org (scheme and host, no path), got ${options.corsOrigin}.`)
  }
  return options
}
