// Shared set-up of the browser tests: the real server on a free loopback port, and Debian's Chromium driven by
// Playwright with a fresh profile. A missing Chromium fails the tests with the command that installs it.

import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type BrowserContext } from 'playwright-core'
import { openEngine } from '../../src/search/open.js'
import { createApp } from '../../src/server/app.js'

/** Where Chromium is looked for: `CHROMIUM_PATH`, else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface BrowserRig {
  origin: string
  context: BrowserContext
  downloads: string
  /** The temporary folders the rig made; `close` removes them. */
  folders: string[]
  close(): Promise<void>
}

export async function startRig(viewport = { width: 1280, height: 900 }): Promise<BrowserRig> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}, so the browser tests cannot run. Install it with ` +
        '`apt-get update && apt-get install -y chromium` (Debian/Ubuntu, as root), or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    )
  }
  // Its own index, removed with the rest on close: a browser test leaves nothing in the temp folder.
  const indexDir = await mkdtemp(join(tmpdir(), 'ctoc-browser-index-'))
  const { engine } = await openEngine({ seedDir: 'seeds', indexDir, model: null })
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: createApp(engine).fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started))
  })
  const { port } = server.address() as AddressInfo
  const profile = await mkdtemp(join(tmpdir(), 'ctoc-chromium-'))
  const downloads = await mkdtemp(join(tmpdir(), 'ctoc-downloads-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    locale: 'fr-FR',
    acceptDownloads: true,
    downloadsPath: downloads,
  })
  return {
    origin: `http://127.0.0.1:${port}`,
    context,
    downloads,
    folders: [profile, downloads, indexDir],
    async close() {
      await context.close()
      await new Promise((resolve) => server.close(resolve))
      await rm(profile, { recursive: true, force: true })
      await rm(downloads, { recursive: true, force: true })
      await rm(indexDir, { recursive: true, force: true })
    },
  }
}
