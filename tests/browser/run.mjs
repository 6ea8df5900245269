#!/usr/bin/env node
// The browser and validator suite for a built baogao site. Usage:
//
//   node tests/browser/run.mjs --dir <built site> --base-url http://127.0.0.1:PORT/sub/path/
//        [--artifacts <dir>] [--chromium /usr/bin/chromium] [--no-lighthouse]
//
// It serves <dir> under the base URL's path on its port, then checks (see tests/browser.rs):
// every HTML page at 1280 px and 390 px (and 390 px in dark mode) in Chromium: console errors,
// failed requests, no JavaScript, horizontal overflow, chart visibility, chart text overlap,
// clipping and size, chart contrast, axe-core, full-page screenshots; every page with charts
// also at 320, 561, 640 and 768 px and in dark mode at every width (chart checks and overflow), and
// swept through every viewport width from 320 to 1280 px (chart text never under 12 px, one
// drawing per figure); every standalone chart SVG; vnu over every
// .html/.svg/.css file; XML well-formedness of atom.xml and sitemap.xml; an internal link crawl
// with #anchors; Lighthouse on the home page and one report (fails under 95).
// Exit 0 when clean, 1 on any problem, 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './lib/server.mjs';
import { CHROME_FLAGS, DEFAULT_CHROMIUM } from './lib/chrome.mjs';
import { checkPage, checkSvgFile, pageName, sweepChartText } from './lib/page-checks.mjs';
import { listFiles, vnuCheck, xmlCheck, xmlUrls } from './lib/validate.mjs';
import { crawl } from './lib/links.mjs';
import { lighthouse, scoreProblems, CATEGORIES } from './lib/lighthouse.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// `full`: every check on every page; otherwise the chart checks (and overflow) on pages with charts.
// Issue 12's five widths (320, 390, 561, 768, 1280) and 640, so that each drawing a figure
// switches between (280, 340, 420, 550 and 720 px, src/charts/variants.rs) is checked for
// overlap, clipping and contrast at least once in each scheme; overlap and clipping do not
// change as a drawing scales, and the width sweep checks text size at every width between.
export const VARIANTS = [
  { name: '1280', viewport: { width: 1280, height: 900 }, colorScheme: 'light', narrow: false, full: true },
  { name: '390', viewport: { width: 390, height: 844 }, colorScheme: 'light', narrow: true, full: true },
  { name: '390-dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark', narrow: true, full: true },
  ...[320, 561, 640, 768, 1280].flatMap((w) => ['light', 'dark'].map((scheme) => ({
    name: `${w}${scheme === 'dark' ? '-dark' : ''}`,
    viewport: { width: w, height: 900 },
    colorScheme: scheme,
    narrow: w < 1280,
    full: false,
  }))).filter((v) => v.name !== '1280'),
];
/** Viewport widths the chart-text sweep goes through (every one). */
const SWEEP = { from: 320, to: 1280, step: 1 };
const MIN_LIGHTHOUSE = 95;

function usage(msg) {
  process.stderr.write(`run.mjs: ${msg}\nusage: node run.mjs --dir DIR --base-url http://127.0.0.1:PORT/path/ [--artifacts DIR] [--chromium PATH] [--no-lighthouse]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { artifacts: path.join(HERE, 'artifacts'), chromium: DEFAULT_CHROMIUM, lighthouse: true };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const val = () => { i += 1; if (i >= argv.length) usage(`${a} needs a value`); return argv[i]; };
    if (a === '--dir') o.dir = val();
    else if (a === '--base-url') o.baseUrl = val();
    else if (a === '--artifacts') o.artifacts = val();
    else if (a === '--chromium') o.chromium = val();
    else if (a === '--no-lighthouse') o.lighthouse = false;
    else usage(`unknown argument ${a}`);
  }
  if (!o.dir || !o.baseUrl) usage('--dir and --base-url are required');
  const u = new URL(o.baseUrl);
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') usage('--base-url must be on 127.0.0.1 or localhost');
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  o.base = u;
  return o;
}

/** Runs `fn` over `items` with at most `n` at a time; results in order. */
async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

const t0 = Date.now();
const since = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const log = (m) => process.stdout.write(`[browser-suite ${since(t0).padStart(7)}] ${m}\n`);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const dir = path.resolve(o.dir);
  fs.mkdirSync(o.artifacts, { recursive: true });
  for (const f of fs.readdirSync(o.artifacts)) {
    if (/\.(png|json|html)$/.test(f)) fs.rmSync(path.join(o.artifacts, f));
  }
  const files = listFiles(dir);
  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  const svgFiles = files.filter((f) => f.endsWith('.svg'));
  const cssFiles = files.filter((f) => f.endsWith('.css'));
  const basePath = o.base.pathname;
  const origin = o.base.origin;
  const urlOf = (rel) => `${origin}${basePath}${rel.replace(/(^|\/)index\.html$/, '$1')}`;
  log(`site ${dir}: ${htmlFiles.length} HTML pages, ${svgFiles.length} SVG files; serving under ${origin}${basePath}`);
  if (htmlFiles.length === 0) usage(`no HTML files in ${dir}`);

  const server = await serve(dir, basePath, Number(o.base.port || 80));
  const problems = [];
  const timings = {};
  let lhSummary = null;
  try {
    // vnu runs in its own JVM alongside the browser checks.
    let t = Date.now();
    const vnu = vnuCheck([...htmlFiles, ...svgFiles, ...cssFiles].map((f) => path.join(dir, f)))
      .then((p) => { timings.vnu = since(t); log(`vnu: ${p.length} error(s) in ${htmlFiles.length + svgFiles.length + cssFiles.length} files (${timings.vnu})`); return p; });

    const browser = await chromium.launch({ executablePath: o.chromium, headless: true, args: CHROME_FLAGS });
    log(`chromium ${browser.version()}`);
    try {
      t = Date.now();
      const contexts = {};
      for (const v of VARIANTS) {
        contexts[v.name] = await browser.newContext({ viewport: v.viewport, colorScheme: v.colorScheme, deviceScaleFactor: 1, reducedMotion: 'reduce' });
      }
      // Alias pages (old URLs) only redirect; the link crawl follows them to their target.
      const redirects = new Set(htmlFiles.filter((f) => /http-equiv="refresh"/i.test(fs.readFileSync(path.join(dir, f), 'utf8'))));
      const withCharts = new Set(htmlFiles.filter((f) => /<figure class="chart"/.test(fs.readFileSync(path.join(dir, f), 'utf8'))));
      const tasks = [];
      for (const rel of htmlFiles) {
        if (redirects.has(rel)) continue;
        for (const v of VARIANTS) if (v.full || withCharts.has(rel)) tasks.push({ rel, v });
      }
      const results = await pool(tasks, 2, ({ rel, v }) => checkPage(contexts[v.name], urlOf(rel), {
        variant: v.name, name: pageName(rel), screenshotDir: v.full ? o.artifacts : null, narrow: v.narrow, axe: v.full,
      }));
      let charts = 0;
      // A missing page answers 404 with the site's 404 page, which must itself load cleanly.
      const missing = await checkPage(contexts['390'], `${origin}${basePath}no-such-page/deeper/`, {
        variant: '390', name: 'missing-page', screenshotDir: o.artifacts, narrow: true, expectStatus: 404,
      });
      results.push(missing);
      results.forEach((r) => { problems.push(...r.problems); charts += r.facts.charts || 0; });
      timings.pages = since(t);
      log(`pages: ${tasks.length + 1} page views (${htmlFiles.length} pages × ${VARIANTS.filter((v) => v.full).map((v) => v.name).join(', ')}; ${withCharts.size} with charts also × ${VARIANTS.filter((v) => !v.full).map((v) => v.name).join(', ')}; and a missing page), ${charts} displayed chart SVGs, ${results.reduce((n, r) => n + r.problems.length, 0)} problem(s) (${timings.pages})`);

      t = Date.now();
      const sweepContext = await browser.newContext({ viewport: { width: SWEEP.from, height: 800 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
      const swept = (await pool([...withCharts], 2, (rel) => sweepChartText(sweepContext, urlOf(rel), SWEEP))).flat();
      problems.push(...swept);
      await sweepContext.close();
      log(`width sweep: ${withCharts.size} pages with charts at every width ${SWEEP.from}–${SWEEP.to} px, ${swept.length} problem(s) (${since(t)})`);

      t = Date.now();
      const svgProblems = (await pool(svgFiles, 2, (rel) => checkSvgFile(contexts['1280'], urlOf(rel)))).flat();
      problems.push(...svgProblems);
      log(`standalone SVGs: ${svgFiles.length} files, ${svgProblems.length} problem(s) (${since(t)})`);

      t = Date.now();
      const page = await contexts['1280'].newPage();
      const extra = [];
      const xmlSpecs = [
        { rel: 'atom.xml', root: 'feed', ns: 'http://www.w3.org/2005/Atom' },
        { rel: 'sitemap.xml', root: 'urlset', ns: 'http://www.sitemaps.org/schemas/sitemap/0.9' },
      ];
      for (const x of xmlSpecs) {
        const file = path.join(dir, x.rel);
        if (!fs.existsSync(file)) { problems.push({ check: 'xml', page: x.rel, detail: 'missing' }); continue; }
        const text = fs.readFileSync(file, 'utf8');
        const p = await xmlCheck(page, x.rel, text, x);
        problems.push(...p);
        if (p.length === 0) {
          for (const u of await xmlUrls(page, text)) extra.push({ url: u, where: x.rel });
        }
      }
      await page.close();
      log(`xml: atom.xml and sitemap.xml checked, ${extra.length} URLs in them (${since(t)})`);

      t = Date.now();
      const seeds = [urlOf('index.html'), ...htmlFiles.map(urlOf)];
      const linkContext = await browser.newContext({ javaScriptEnabled: false });
      const { problems: linkProblems, docs } = await crawl(linkContext, seeds, { origin, basePath, extra });
      problems.push(...linkProblems);
      timings.links = since(t);
      log(`links: ${docs.size} URLs fetched, ${linkProblems.length} broken (${timings.links})`);
      for (const c of Object.values(contexts)) await c.close();
      await linkContext.close();
    } finally {
      await browser.close();
    }
    problems.push(...await vnu);

    if (o.lighthouse) {
      t = Date.now();
      const withCharts = htmlFiles
        .map((rel) => ({ rel, n: (fs.readFileSync(path.join(dir, rel), 'utf8').match(/<figure class="chart"/g) || []).length }))
        .filter((x) => x.n > 0 && x.rel.split('/').length >= 3)
        .sort((a, b) => b.n - a.n || a.rel.localeCompare(b.rel));
      const targets = [{ key: 'home', rel: 'index.html' }];
      if (withCharts.length) targets.push({ key: 'report', rel: withCharts[0].rel });
      lhSummary = { minimum: MIN_LIGHTHOUSE, pages: {} };
      for (const tg of targets) {
        const url = urlOf(tg.rel);
        try {
          const r = await lighthouse(url, { chromePath: o.chromium, chromeFlags: CHROME_FLAGS, outBase: path.join(o.artifacts, `lighthouse-${tg.key}`) });
          lhSummary.pages[tg.key] = { url, path: tg.rel, scores: r.scores, failing_audits: r.failing, run_warnings: r.runWarnings };
          lhSummary.lighthouse = r.lighthouseVersion;
          lhSummary.user_agent = r.userAgent;
          log(`lighthouse ${tg.key} (${tg.rel}): ${CATEGORIES.map((c) => `${c} ${r.scores[c]}`).join(', ')}`);
          problems.push(...scoreProblems(url, r.scores, MIN_LIGHTHOUSE, r.failing));
          for (const f of r.failing) log(`  below 100: ${f}`);
          for (const w of r.runWarnings) log(`  warning: ${w}`);
        } catch (err) {
          problems.push({ check: 'lighthouse', page: url, detail: err.message });
        }
      }
      fs.writeFileSync(path.join(o.artifacts, 'lighthouse.json'), `${JSON.stringify(lhSummary, null, 2)}\n`);
      timings.lighthouse = since(t);
      log(`lighthouse done (${timings.lighthouse})`);
    }
  } finally {
    server.close();
  }

  const byCheck = {};
  for (const p of problems) byCheck[p.check] = (byCheck[p.check] || 0) + 1;
  fs.writeFileSync(path.join(o.artifacts, 'report.json'), `${JSON.stringify({ problems, by_check: byCheck, timings, total: since(t0) }, null, 2)}\n`);
  if (problems.length) {
    process.stdout.write(`\n${problems.length} problem(s):\n`);
    for (const p of problems) {
      process.stdout.write(`  [${p.check}] ${p.page}${p.variant ? ` @${p.variant}` : ''}: ${p.detail}\n`);
    }
    log(`FAILED (${Object.entries(byCheck).map(([k, v]) => `${k} ${v}`).join(', ')}); screenshots and reports in ${o.artifacts}`);
    process.exit(1);
  }
  log(`all checks passed; screenshots and reports in ${o.artifacts}`);
}

main().catch((err) => {
  process.stderr.write(`run.mjs: ${err.stack || err}\n`);
  process.exit(1);
});
