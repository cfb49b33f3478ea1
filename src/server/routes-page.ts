// The search page at `/`: one HTML document, one script, one stylesheet, all served from here (no CDN, no fonts).

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Hono } from 'hono'

interface Asset {
  path: string
  body: string
  type: string
}

const read = (name: string) => readFileSync(new URL(`./ui/${name}`, import.meta.url), 'utf8')
const fingerprint = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 12)

let loaded: { html: string; etag: string; assets: Asset[] } | undefined

/** The stylesheet as served, for the other pages of the site (the API reference). */
export const pageStylesheet = (): Asset => loadAssets().assets[1]!

/** Script and stylesheet under names that change with their content, so a browser may keep them for a year. */
function loadAssets(): { html: string; etag: string; assets: Asset[] } {
  if (loaded) return loaded
  const script = read('app.js')
  const style = read('app.css')
  const assets: Asset[] = [
    { path: `/ui/app.${fingerprint(script)}.js`, body: script, type: 'text/javascript; charset=utf-8' },
    { path: `/ui/app.${fingerprint(style)}.css`, body: style, type: 'text/css; charset=utf-8' },
    { path: '/ui/favicon.svg', body: read('favicon.svg'), type: 'image/svg+xml' },
  ]
  const html = read('index.html').replace('{{js}}', assets[0]!.path).replace('{{css}}', assets[1]!.path)
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
