#!/usr/bin/env node
// A test of the checker itself: the functions run.mjs uses must report every problem planted in
// fixtures/broken/ (missing alt, broken link and anchor, overlapping and clipped chart labels,
// chart text under 12 px at one width and through a width sweep, chart colours that fail the
// contrast rules, overflow, console error, failed request, invalid HTML/SVG, ill-formed XML, low Lighthouse
// score) and nothing at all on fixtures/clean/. Usage: node selftest.mjs [--chromium PATH]
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './lib/server.mjs';
import { checkPage, checkSvgFile, sweepChartText } from './lib/page-checks.mjs';
import { vnuCheck, xmlCheck } from './lib/validate.mjs';
import { crawl } from './lib/links.mjs';
import { scoreProblems } from './lib/lighthouse.mjs';
import { CHROME_FLAGS, DEFAULT_CHROMIUM } from './lib/chrome.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIX = path.join(HERE, 'fixtures');
const chromiumPath = process.argv[2] === '--chromium' ? process.argv[3] : DEFAULT_CHROMIUM;
let failures = 0;
let passes = 0;

function expect(name, problems, check, pattern) {
  const hit = problems.some((p) => p.check === check && pattern.test(p.detail));
  if (hit) passes += 1;
  else {
    failures += 1;
    process.stdout.write(`FAIL: ${name}: no [${check}] problem matching ${pattern}; got:\n${problems.map((p) => `    [${p.check}] ${p.detail}`).join('\n') || '    (nothing)'}\n`);
  }
}

function expectNone(name, problems) {
  if (problems.length === 0) passes += 1;
  else {
    failures += 1;
    process.stdout.write(`FAIL: ${name}: expected no problems, got:\n${problems.map((p) => `    [${p.check}] ${p.page}: ${p.detail}`).join('\n')}\n`);
  }
}

async function site(dir, basePath, fn) {
  const server = await serve(dir, basePath, 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    await fn(origin);
  } finally {
    server.close();
  }
}

async function main() {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROME_FLAGS });
  const narrow = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const vnu = vnuCheck([path.join(FIX, 'broken', 'index.html'), path.join(FIX, 'broken', 'charts', 'overlap.svg')]);
  const vnuClean = vnuCheck([path.join(FIX, 'clean', 'index.html'), path.join(FIX, 'clean', 'other', 'index.html')]);
  try {
    await site(path.join(FIX, 'broken'), '/sub/', async (origin) => {
      const home = `${origin}/sub/`;
      const { problems } = await checkPage(narrow, home, { variant: '390', name: 'broken', narrow: true });
      expect('missing alt (axe)', problems, 'axe', /^image-alt\b/);
      expect('overlapping chart labels', problems, 'chart-text-overlap', /基础设施 812\.0.*overlaps.*制造业 约430\.0/);
      expect('label off the canvas', problems, 'chart-text-clipped', /跑出画布的标签.*runs off the SVG \(right/);
      expect('chart of zero size', problems, 'chart-visible', /figure#chart-empty has size 0×0/);
      expect('chart wider than its figure', problems, 'chart-visible', /does not fit its figure/);
      expect('chart text under 12 px', problems, 'chart-text-small', /太小的字.* is 9\.0 px, under 12 px/);
      expect('data mark under 3:1', problems, 'chart-contrast', /figure#chart-faint: data mark rect\.f-series1 rgb\(232,232,232\) \(1\.\d+:1\) under 3:1/);
      expect('gridline louder than the data', problems, 'chart-contrast', /grid polyline\.s-grid .* is not quieter than the data mark rect\.f-series1/);
      expect('highlight duller than the context', problems, 'chart-contrast', /the highlight rect\.f-series1 .* is not more salient than the context mark rect\.f-context/);
      const dark = await narrow.browser().newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
      const swept = await sweepChartText(dark, home, { from: 320, to: 340, step: 5 });
      expect('sweep: chart text under 12 px at every width', swept, 'chart-text-small', /figure#chart-faint: shows text under 12 px at viewport widths 320–340 px \(smallest [\d.]+ px: “太小的字”\)/);
      await dark.close();
      expect('horizontal overflow at 390 px', problems, 'overflow', /document is \d+ px wide in a 390 px viewport/);
      expect('console error', problems, 'console', /deliberate console error/);
      expect('JavaScript in the page', problems, 'javascript', /<script>/);
      expect('failed request', problems, 'request', /missing\.png answered 404/);

      const svg = await checkSvgFile(wide, `${home}charts/overlap.svg`);
      expect('standalone SVG overlap', svg, 'chart-text-overlap', /overlaps/);

      const links = await crawl(noJs, [home], { origin, basePath: '/sub/' });
      expect('broken link', links.problems, 'link', /answered 404; linked from .*no-such-page/);
      expect('broken #anchor', links.problems, 'link', /no id="no-such-anchor" on the target page/);
      expect('link outside the sub-path', links.problems, 'link', /outside the site's path \/sub\//);
      const good = links.problems.filter((p) => p.page.endsWith('#ok'));
      expectNone('good #anchor is not reported', good);

      const page = await wide.newPage();
      const xml = await xmlCheck(page, 'atom.xml', fs.readFileSync(path.join(FIX, 'broken', 'atom.xml'), 'utf8'), { root: 'feed' });
      expect('ill-formed atom.xml', xml, 'xml', /not well-formed XML/);
      const okXml = await xmlCheck(page, 'ok.xml', '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x/</loc></url></urlset>', { root: 'urlset', ns: 'http://www.sitemaps.org/schemas/sitemap/0.9' });
      expectNone('well-formed sitemap', okXml);
      await page.close();
    });

    await site(path.join(FIX, 'clean'), '/sub/', async (origin) => {
      const home = `${origin}/sub/`;
      for (const ctx of [narrow, wide]) {
        const { problems, facts } = await checkPage(ctx, home, { variant: 'x', name: 'clean', narrow: true });
        expectNone(`clean page at ${ctx === narrow ? 390 : 1280} px`, problems);
        if (facts.charts !== 1) { failures += 1; process.stdout.write(`FAIL: clean page: expected 1 chart, saw ${facts.charts}\n`); }
      }
      const links = await crawl(noJs, [home], { origin, basePath: '/sub/' });
      expectNone('clean links', links.problems);
      if (links.docs.size !== 2) { failures += 1; process.stdout.write(`FAIL: clean crawl: expected 2 documents, saw ${links.docs.size}\n`); }
    });

    const v = await vnu;
    expect('vnu: img without alt', v, 'vnu', /“img” element must have an “alt” attribute/);
    expect('vnu: invalid SVG element', v, 'vnu', /“bogus”/);
    expectNone('vnu: clean pages', await vnuClean);

    expect('lighthouse under 95', scoreProblems('u', { performance: 100, accessibility: 94, 'best-practices': 100, seo: 100 }, 95), 'lighthouse', /accessibility score 94 < 95/);
    expect('lighthouse missing score', scoreProblems('u', { performance: null, accessibility: 100, 'best-practices': 100, seo: 100 }, 95), 'lighthouse', /performance score null/);
    expectNone('lighthouse at 95', scoreProblems('u', { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 }, 95));
  } finally {
    await browser.close();
  }
  process.stdout.write(`selftest: ${passes} passed, ${failures} failed\n`);
  process.exit(failures ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`selftest.mjs: ${err.stack || err}\n`);
  process.exit(1);
});
