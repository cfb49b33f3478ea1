// `npm run screenshots`: the pictures of the page in docs/, taken in Debian's Chromium from a server over the seeds.
// Not part of `npm test`, so a test run never rewrites a tracked file.

import { startRig } from '../test/browser/chromium.js'

const rig = await startRig()
try {
  const page = await rig.context.newPage()
  await page.goto(`${rig.origin}/?q=${encodeURIComponent('enquêtes financières')}&prefer=recommendation`)
  await page.waitForFunction(() => /résultat/.test(document.getElementById('status')?.textContent ?? ''))
  const hit = page.locator('.hit').first()
  await hit.locator('[data-act="variants"]').click()
  await hit.locator('[data-panel="variants"] .variant').nth(1).waitFor()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: 'docs/screenshot-results.png', clip: { x: 0, y: 0, width: 1280, height: 1240 }, fullPage: true })
  console.log('docs/screenshot-results.png')
} finally {
  await rig.close()
}
