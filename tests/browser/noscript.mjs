// Loads every HTML page and SVG file of a built site in headless Chromium and fails
// if any script runs: a dialog (alert), a page error, or a <script> element.
//   node tests/browser/noscript.mjs --dir <built site> [--chromium /usr/bin/chromium]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_FLAGS, DEFAULT_CHROMIUM } from './lib/chrome.mjs';
import { listFiles } from './lib/validate.mjs';

const args = process.argv.slice(2);
const arg = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const dir = path.resolve(arg('--dir', ''));
const browser = await chromium.launch({ executablePath: arg('--chromium', DEFAULT_CHROMIUM), headless: true, args: CHROME_FLAGS });
const problems = [];
let loaded = 0;
try {
  const context = await browser.newContext({ javaScriptEnabled: true });
  for (const rel of listFiles(dir).filter((f) => /\.(html|svg)$/.test(f))) {
    const page = await context.newPage();
    page.on('dialog', async (d) => { problems.push(`${rel}: a script ran and opened a dialog: ${d.message()}`); await d.dismiss(); });
    page.on('pageerror', (e) => problems.push(`${rel}: page error ${e.message}`));
    await page.goto(pathToFileURL(path.join(dir, rel)).href, { waitUntil: 'load' });
    await page.waitForTimeout(50);
    // JSON-LD metadata (type application/ld+json) is data the browser never runs.
    const scripts = await page.evaluate(() => document.querySelectorAll('script:not([type="application/ld+json"])').length);
    if (scripts > 0) problems.push(`${rel}: ${scripts} <script> element(s)`);
    loaded += 1;
    await page.close();
  }
} finally {
  await browser.close();
}
for (const p of problems) console.log(`  ${p}`);
console.log(`noscript: ${loaded} files loaded, ${problems.length} problem(s)`);
process.exit(problems.length === 0 && loaded > 0 ? 0 : 1);
