// `npm run screenshots`: the pictures of the site in docs/, taken in Debian's Chromium from a server over the seeds.
// Not part of `npm test`, so a test run never rewrites a tracked file.

import type { Page } from 'playwright-core'
import { startRig } from '../test/browser/chromium.js'

const rig = await startRig()

async function shoot(path: string, file: string, ready: (page: Page) => Promise<void>, height = 1100): Promise<void> {
  const page = await rig.context.newPage()
  await page.goto(rig.origin + path)
  await ready(page)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1280, height }, fullPage: true })
  await page.close()
  console.log(file)
}

try {
  // Results: recommendations first, the 2012 → 2015 rewording of one shown inline.
  await shoot(`/?q=${encodeURIComponent('enquêtes financières')}&prefer=recommendation`, 'docs/screenshot-results.png', async (page) => {
    await page.waitForFunction(() => /résultat/.test(document.getElementById('status')?.textContent ?? ''))
    const hit = page.locator('.hit').first()
    await hit.locator('[data-act="variants"]').click()
    await hit.locator('[data-panel="variants"] .variant').nth(1).waitFor()
  }, 1240)
  // A passage in context: a 2012 recommendation as restated in 2015, its details, neighbours and wording over time.
  await shoot('/?q=%22geler%20et%20confisquer%22&p=001_f3a438cdd34e73ea.p36', 'docs/screenshot-passage.png', async (page) => {
    await page.locator('#passage .variant').nth(1).waitFor()
    await page.evaluate(() => window.scrollTo(0, 0))
  }, 1400)
  // A whole document, opened at a paragraph.
  await shoot('/?read=000_f4384e2a98d04a30#p12', 'docs/screenshot-document.png', async (page) => {
    await page.locator('#p12.target').waitFor()
    await page.evaluate(() => window.scrollTo(0, 0))
  }, 1200)
} finally {
  await rig.close()
}
