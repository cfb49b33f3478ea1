// What a started server tells its user: where it listens, what it serves, how to reload it. Kept apart from the
// serving code so that the primary of a cluster prints it without loading the engine.

/** What a serving process says once it listens: the primary of a cluster prints it for the first worker. */
export interface ServingInfo {
  port: number
  buildId: string
  documents: number
  passages: number
  startedMs: number
  semantic: { note: string; channels: string[] }
}

/** The lines `npm start` prints when it is ready: where, what, how to reload (signalling `pid`). */
export function readyLines(host: string, info: ServingInfo, pid: number, build: 'if-needed' | 'never' = 'if-needed'): string[] {
  const url = serverUrl(host, info.port)
  return [
    `Search ready at ${url} — ${info.documents} documents, ${info.passages} passages, started in ${info.startedMs} ms (warming up while it serves: the first searches may be slower).`,
    `Semantic: ${info.semantic.note} Channels: keyword${info.semantic.channels.map((c) => `, ${c}`).join('')}.`,
    `Try: curl '${url}search?q=protection+des+t%C3%A9moins' · API reference: ${url}api`,
    build === 'never'
      ? `Read replica (INDEX_BUILD=never): a build copied in is served once CURRENT names it; npm run reload (or kill -HUP ${pid}) loads it at once.`
      : `Reload after changing the seeds: npm run reload (or kill -HUP ${pid}).`,
  ]
}

/** What a serving process says when its warm-up (see `warmUp`) has ended. */
export const warmedUpLine = (warmed: { searches: number; ms: number }) => `Warmed up: ${warmed.searches} searches in ${Math.round(warmed.ms)} ms.`

export const serverUrl = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}/`
