// Checks of one page in a real browser: console errors, failed requests, horizontal overflow,
// chart visibility, chart text overlap and clipping, axe-core, and a full-page screenshot.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const AXE_PATH = path.join(HERE, '..', 'node_modules', 'axe-core', 'axe.min.js');

/** Tolerance in CSS pixels for text overlap and clipping (anti-aliasing, rounding). */
export const TOLERANCE = 1;

/**
 * Runs in the page. Finds the outermost displayed SVGs matching `selector` and returns
 * - charts: every chart figure with the size of its displayed SVG(s),
 * - problems: overlapping texts (pairwise) and texts outside their SVG's box.
 * Overlap and clipping compare getBoundingClientRect() boxes of <text> elements.
 */
export function inPageChartCheck({ selector, figureSelector, tol }) {
  const problems = [];
  const shown = (el) => (typeof el.checkVisibility === 'function'
    ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
    : el.getClientRects().length > 0);
  const label = (el) => {
    const t = (el.textContent || '').replace(/\s+/g, ' ').trim();
    return `“${t.length > 40 ? `${t.slice(0, 40)}…` : t}”`;
  };
  const svgName = (svg) => {
    const fig = svg.closest('figure');
    return `svg${svg.id ? `#${svg.id}` : ''}${fig && fig.id ? ` in figure#${fig.id}` : ''}`;
  };
  const all = [...document.querySelectorAll(selector)].filter((s) => !s.parentElement || !s.parentElement.closest('svg'));
  const svgs = all.filter(shown);
  const charts = [];
  if (figureSelector) {
    for (const fig of document.querySelectorAll(figureSelector)) {
      const inFig = svgs.filter((s) => fig.contains(s));
      if (!shown(fig)) continue;
      if (inFig.length === 0) {
        problems.push({ check: 'chart-visible', detail: `figure${fig.id ? `#${fig.id}` : ''} shows no SVG` });
      }
    }
  }
  for (const svg of svgs) {
    const s = svg.getBoundingClientRect();
    charts.push({ svg: svgName(svg), width: s.width, height: s.height });
    if (!(s.width > 0 && s.height > 0)) {
      problems.push({ check: 'chart-visible', detail: `${svgName(svg)} has size ${s.width}×${s.height}` });
      continue;
    }
    const box = svg.parentElement && svg.parentElement.closest('figure');
    if (box) {
      const b = box.getBoundingClientRect();
      if (s.left < b.left - tol || s.right > b.right + tol) {
        problems.push({ check: 'chart-visible', detail: `${svgName(svg)} (${Math.round(s.width)} px wide) does not fit its figure (${Math.round(b.width)} px)` });
      }
    }
    const texts = [...svg.querySelectorAll('text')]
      .filter(shown)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ el, r }) => r.width > 0 && r.height > 0 && (el.textContent || '').trim() !== '');
    for (const { el, r } of texts) {
      const out = [];
      if (r.left < s.left - tol) out.push(`left by ${(s.left - r.left).toFixed(1)} px`);
      if (r.right > s.right + tol) out.push(`right by ${(r.right - s.right).toFixed(1)} px`);
      if (r.top < s.top - tol) out.push(`top by ${(s.top - r.top).toFixed(1)} px`);
      if (r.bottom > s.bottom + tol) out.push(`bottom by ${(r.bottom - s.bottom).toFixed(1)} px`);
      if (out.length) {
        problems.push({ check: 'chart-text-clipped', detail: `${svgName(svg)}: text ${label(el)} runs off the SVG (${out.join(', ')})` });
      }
    }
    for (let i = 0; i < texts.length; i += 1) {
      for (let j = i + 1; j < texts.length; j += 1) {
        const a = texts[i].r;
        const b = texts[j].r;
        const ix = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const iy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (ix > tol && iy > tol) {
          problems.push({
            check: 'chart-text-overlap',
            detail: `${svgName(svg)}: text ${label(texts[i].el)} overlaps ${label(texts[j].el)} (${ix.toFixed(1)}×${iy.toFixed(1)} px)`,
          });
        }
      }
    }
  }
  return { charts, problems };
}

/** Runs in the page: horizontal overflow of the document, with the widest culprits. */
export function inPageOverflow() {
  const de = document.documentElement;
  const { scrollWidth, clientWidth } = de;
  const culprits = [];
  if (scrollWidth > clientWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > clientWidth + 0.5 && r.width > 0) {
        const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
        culprits.push(`${name} (right edge ${Math.round(r.right)} px)`);
        if (culprits.length >= 5) break;
      }
    }
  }
  return { scrollWidth, clientWidth, culprits };
}

/** Runs in the page: script elements, inline event handlers and javascript: URLs. */
export function inPageScripts() {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    // JSON-LD metadata is data the browser never runs.
    if (el.localName === 'script' && el.type !== 'application/ld+json') found.push(`<script${el.src ? ` src="${el.getAttribute('src')}"` : ''}>`);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`${a.name} on <${el.localName}>`);
      else if (/^\s*javascript:/i.test(a.value)) found.push(`${a.name}="${a.value.slice(0, 30)}" on <${el.localName}>`);
    }
  }
  return found;
}

/** Turns a page path such as /reports/tags/x/index.html into a file-name stem: tags-x. */
export function pageName(relPath) {
  const stem = relPath.replace(/(^|\/)index\.html$/, '').replace(/\.html$/, '').replace(/\/+$/, '');
  return stem === '' ? 'index' : stem.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * Opens `url` in a new page of `context` and runs every in-browser check on it.
 * Returns a list of problems {check, page, variant, detail} and some facts for the log.
 */
export async function checkPage(context, url, { variant, name, screenshotDir, axe = true, narrow = false, expectStatus = 200 }) {
  const page = await context.newPage();
  const problems = [];
  const add = (check, detail) => problems.push({ check, page: url, variant, detail });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !(expectStatus !== 200 && msg.location().url === url && msg.text().includes(`status of ${expectStatus}`))) add('console', `${msg.text()}${msg.location().url ? ` (${msg.location().url})` : ''}`);
  });
  page.on('pageerror', (err) => add('console', `uncaught: ${err.message}`));
  page.on('requestfailed', (req) => add('request', `${req.method()} ${req.url()} failed: ${req.failure() ? req.failure().errorText : '?'}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && !(res.url() === url && res.status() === expectStatus)) add('request', `${res.request().method()} ${res.url()} answered ${res.status()}`);
  });
  const facts = {};
  try {
    const res = await page.goto(url, { waitUntil: 'load' });
    if (!res || res.status() !== expectStatus) add('request', `page answered ${res ? res.status() : 'nothing'}, expected ${expectStatus}`);
    await page.evaluate(() => document.fonts.ready.then(() => true));
    if (narrow) {
      const o = await page.evaluate(inPageOverflow);
      facts.scrollWidth = o.scrollWidth;
      if (o.scrollWidth > o.clientWidth) {
        add('overflow', `document is ${o.scrollWidth} px wide in a ${o.clientWidth} px viewport; widest: ${o.culprits.join('; ') || '?'}`);
      }
    }
    // SPEC §9: no JavaScript in the built site (checked before axe-core is injected).
    const js = await page.evaluate(inPageScripts);
    if (js.length) add('javascript', `the page carries JavaScript: ${js.slice(0, 5).join('; ')}`);
    const c = await page.evaluate(inPageChartCheck, { selector: 'figure.chart svg', figureSelector: 'figure.chart', tol: TOLERANCE });
    facts.charts = c.charts.length;
    for (const p of c.problems) add(p.check, p.detail);
    if (axe) {
      await page.addScriptTag({ path: AXE_PATH });
      const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
      facts.axeRules = result.passes.length + result.violations.length;
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ');
        add('axe', `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s): ${where}`);
      }
    }
    if (screenshotDir) {
      await page.screenshot({ path: path.join(screenshotDir, `${name}-${variant}.png`), fullPage: true });
    }
  } catch (err) {
    add('browser', `could not check the page: ${err.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return { problems, facts };
}

/** Opens a standalone SVG file and checks its text for overlap and clipping. */
export async function checkSvgFile(context, url, { variant = 'file' } = {}) {
  const page = await context.newPage();
  const problems = [];
  const add = (check, detail) => problems.push({ check, page: url, variant, detail });
  // A standalone SVG cannot declare an icon, so Chromium may ask for /favicon.ico: not a problem.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/\/favicon\.ico$/.test(msg.location().url || '')) add('console', `${msg.text()} (${msg.location().url || '?'})`);
  });
  try {
    const res = await page.goto(url, { waitUntil: 'load' });
    if (!res || res.status() !== 200) add('request', `answered ${res ? res.status() : 'nothing'}`);
    const root = await page.evaluate(() => document.documentElement.localName);
    if (root !== 'svg') add('svg', `root element is <${root}>, not <svg> (not well-formed SVG?)`);
    else {
      const c = await page.evaluate(inPageChartCheck, { selector: 'svg', figureSelector: null, tol: TOLERANCE });
      for (const p of c.problems) add(p.check, p.detail);
    }
  } catch (err) {
    add('browser', `could not check the SVG: ${err.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return problems;
}
