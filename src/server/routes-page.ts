// The search page at `/`: one HTML document, its script modules and one stylesheet, all served from here (no CDN,
// no fonts). The modules import each other by relative name under one versioned folder, `/ui/<version>/`.

import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { Hono } from 'hono'

interface Asset {
  path: string
  body: string
  type: string
}

const folder = new URL('./ui/', import.meta.url)
const read = (name: string) => readFileSync(new URL(name, folder), 'utf8')
const fingerprint = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 12)
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' }

let loaded: { html: string; etag: string; assets: Asset[] } | undefined

/** The stylesheet as served, for the other pages of the site (the API reference). */
export const pageStylesheet = (): Asset => loadAssets().assets.find((asset) => asset.path.endsWith('/app.css'))!

/**
 * Every script module and the stylesheet under `/ui/<version>/`, the version a hash of them all: a browser may keep
 * them for a year, and a release changes every address at once (relative imports stay right).
 */
function loadAssets(): { html: string; etag: string; assets: Asset[] } {
  if (loaded) return loaded
  const names = readdirSync(folder)
    .filter((name) => /\.(?:js|css)$/.test(name))
    .sort()
  const bodies = names.map((name) => read(name))
  const version = fingerprint(bodies.join('\u0000'))
  const assets: Asset[] = names.map((name, i) => ({ path: `/ui/${version}/${name}`, body: bodies[i]!, type: TYPES[name.slice(name.lastIndexOf('.'))]! }))
  assets.push({ path: '/ui/favicon.svg', body: read('favicon.svg'), type: 'image/svg+xml' })
  const html = read('index.html').replace('{{js}}', `/ui/${version}/main.js`).replace('{{css}}', `/ui/${version}/app.css`)
  return (loaded = { html, etag: `"${fingerprint(html)}"`, assets })
}

export function pageRoutes(): Hono {
  const { html, etag, assets } = loadAssets()
  const routes = new Hono()
  // The page itself is revalidated on every visit (a cheap 304), so a new release is picked up at once.
  routes.get('/', (c) => {
    const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', ETag: etag }
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers)
    return c.body(html, 200, headers)
  })
  for (const asset of assets) {
    const cache = asset.path.endsWith('.svg') ? 'public, max-age=86400' : 'public, max-age=31536000, immutable'
    routes.get(asset.path, (c) => c.body(asset.body, 200, { 'Content-Type': asset.type, 'Cache-Control': cache }))
  }
  return routes
}
