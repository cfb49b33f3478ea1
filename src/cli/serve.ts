// `npm start`: opens (building if needed) the index and serves the API on HOST:PORT (127.0.0.1:8787).

import { serve } from '@hono/node-server'
import { openEngine } from '../index/open.js'
import { createApp } from '../server/app.js'
import { defaultIndexDir, defaultSeedDir, fail, run } from './common.js'
import { progressPrinter } from './progress.js'

const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 8787)

run(async () => {
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number (0–65535); got ${process.env.PORT}.`, 2)
  const started = performance.now()
  const opened = await openEngine({ seedDir: defaultSeedDir, indexDir: defaultIndexDir, log: (line) => console.error(line), onProgress: progressPrinter() })
  const { engine, manifest } = opened
  const app = createApp(engine, () => ({ indexBuiltAt: manifest.builtAt, indexFormat: manifest.formatVersion, corpusHash: manifest.corpusHash }))
  const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
    const semantic = engine.semanticStatus
    console.log(`Search ready at http://${host}:${info.port}/ — ${manifest.documents} documents, ${manifest.passages} passages, started in ${Math.round(performance.now() - started)} ms.`)
    console.log(`Semantic: ${semantic.note} Channels: keyword${semantic.channels.map((c) => `, ${c}`).join('')}.`)
    console.log(`Try: curl 'http://${host}:${info.port}/search?q=protection+des+t%C3%A9moins'`)
  })
  server.on('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? `${host}:${port} is already in use: set PORT to another port.` : error.message))
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
})
