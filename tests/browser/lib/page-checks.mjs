// Checks of one page in a real browser: console errors, failed requests, horizontal overflow,
// chart visibility, chart text overlap, clipping and size, chart colour contrast, axe-core, a
// full-page screenshot; and a sweep of chart text sizes through every viewport width.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const AXE_PATH = path.join(HERE, '..', 'node_modules', 'axe-core', 'axe.min.js');

/** Tolerance in CSS pixels for text overlap and clipping (anti-aliasing, rounding). */
export const TOLERANCE = 1;

/** Chart text shown smaller than this (CSS px) is a problem (issue 12). */
export const MIN_TEXT_PX = 12;

/**
 * Runs in the page. Finds the outermost displayed SVGs matching `selector` and returns
 * - charts: every chart figure with the size of its displayed SVG(s),
 * - problems: overlapping texts (pairwise), texts outside their SVG's box, texts shown under
 *   `minPx` CSS px (computed font size × the SVG's scale on screen), and colours: every data
 *   mark (role classes f-/s-series*, context, total) at least 3:1 against the chart's
 *   background, gridlines and bands (s-grid, f-band*) quieter than the quietest data mark, and
 *   in a chart with a highlight (class chart-highlight on the root) the highlighted marks
 *   (series*) more salient than every context mark. Colours are the computed ones, so dark
 *   mode is checked as the reader sees it; the background is the first opaque one behind the
 *   SVG, or in a standalone file its first rect.
 * Overlap and clipping compare getBoundingClientRect() boxes of <text> elements.
 */
export function inPageChartCheck({ selector, figureSelector, tol, minPx = 12 }) {
  const problems = [];
  const shown = (el) => (typeof el.checkVisibility === 'function'
    ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
    : el.getClientRects().length > 0);
  const textSizeProblems = (svg, least, name, say) => {
    const out = [];
    for (const el of svg.querySelectorAll('text')) {
      if (!shown(el) || (el.textContent || '').trim() === '') continue;
      const m = el.getScreenCTM();
      const scale = m ? Math.hypot(m.a, m.b) : 1;
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (px < least - 0.01) out.push({ check: 'chart-text-small', detail: `${name}: text ${say(el)} is ${px.toFixed(1)} px, under ${least} px` });
    }
    return out;
  };
  const rgb = (c) => {
    const m = /rgba?\(([^)]*)\)/.exec(c || '');
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const ch = (v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
  };
  const ratio = (x, y) => {
    const [a, b] = [luminance(x), luminance(y)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  const backgroundOf = (svg) => {
    if (svg === document.documentElement) {
      const first = svg.querySelector('rect');
      const c = first && rgb(getComputedStyle(first).fill);
      if (c && c.a > 0) return c;
    }
    for (let e = svg; e && e.nodeType === 1; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const colourProblems = (svg, name) => {
    const bg = backgroundOf(svg);
    const marks = [];
    for (const el of svg.querySelectorAll('[class]')) {
      for (const cls of el.classList) {
        const m = /^([fs])-(series\d+|context\d*|remainder|total|grid|band\d+)$/.exec(cls);
        if (!m) continue;
        const c = rgb(getComputedStyle(el)[m[1] === 'f' ? 'fill' : 'stroke']);
        if (!c || c.a === 0) continue;
        // Every grey a mark takes when it is not the highlight counts as context.
        const role = m[2] === 'remainder' ? 'context' : m[2].replace(/\d+$/, '');
        marks.push({ el, role, cls, contrast: ratio(c, bg), colour: `rgb(${c.r},${c.g},${c.b})` });
      }
    }
    const data = marks.filter((k) => ['series', 'context', 'total'].includes(k.role));
    const quiet = marks.filter((k) => k.role === 'grid' || k.role === 'band');
    const out = [];
    const say = (k) => `${k.el.localName}.${k.cls} ${k.colour} (${k.contrast.toFixed(2)}:1)`;
    const bgName = `rgb(${bg.r},${bg.g},${bg.b})`;
    const faint = data.filter((k) => k.contrast < 3 - 0.005);
    if (faint.length) out.push({ check: 'chart-contrast', detail: `${name}: data mark ${say(faint[0])} under 3:1 against ${bgName}${faint.length > 1 ? ` (and ${faint.length - 1} more)` : ''}` });
    if (data.length && quiet.length) {
      const weakest = data.reduce((a, b) => (b.contrast < a.contrast ? b : a));
      const loudest = quiet.reduce((a, b) => (b.contrast > a.contrast ? b : a));
      if (loudest.contrast >= weakest.contrast) out.push({ check: 'chart-contrast', detail: `${name}: ${loudest.role} ${say(loudest)} is not quieter than the data mark ${say(weakest)} on ${bgName}` });
    }
    if (svg.classList.contains('chart-highlight')) {
      const hl = data.filter((k) => k.role === 'series');
      const ctx = data.filter((k) => k.role === 'context');
      if (hl.length && ctx.length) {
        const dullest = hl.reduce((a, b) => (b.contrast < a.contrast ? b : a));
        const loudest = ctx.reduce((a, b) => (b.contrast > a.contrast ? b : a));
        if (dullest.contrast <= loudest.contrast) out.push({ check: 'chart-contrast', detail: `${name}: the highlight ${say(dullest)} is not more salient than the context mark ${say(loudest)} on ${bgName}` });
      }
    }
    return out;
  };
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
    problems.push(...textSizeProblems(svg, minPx, svgName(svg), label));
    problems.push(...colourProblems(svg, svgName(svg)));
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
export async function checkPage(context, url, { variant, name, screenshotDir, axe = true, narrow = false, expectStatus = 200, minPx = MIN_TEXT_PX }) {
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
    const c = await page.evaluate(inPageChartCheck, { selector: 'figure.chart svg', figureSelector: 'figure.chart', tol: TOLERANCE, minPx });
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
      const c = await page.evaluate(inPageChartCheck, { selector: 'svg', figureSelector: null, tol: TOLERANCE, minPx: MIN_TEXT_PX });
      for (const p of c.problems) add(p.check, p.detail);
    }
  } catch (err) {
    add('browser', `could not check the SVG: ${err.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return problems;
}

/**
 * Runs in the page: for every displayed chart figure, how many drawings it shows and its
 * smallest text on screen (computed font size × the SVG's scale), for the width sweep.
 */
export function inPageTextSizes() {
  const shown = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const out = [];
  for (const fig of document.querySelectorAll('figure.chart')) {
    if (!shown(fig)) continue;
    const svgs = [...fig.querySelectorAll('svg')].filter((s) => !s.parentElement.closest('svg') && shown(s));
    let least = Infinity;
    let text = '';
    for (const svg of svgs) {
      for (const el of svg.querySelectorAll('text')) {
        if ((el.textContent || '').trim() === '') continue;
        const m = el.getScreenCTM();
        const px = parseFloat(getComputedStyle(el).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
        if (px < least) { least = px; text = el.textContent.trim().slice(0, 30); }
      }
    }
    out.push({ figure: fig.id || '(figure)', drawings: svgs.length, least, text });
  }
  return out;
}

/**
 * Resizes one page through every viewport width from `from` to `to` (step `step`) and checks
 * that each chart figure shows exactly one drawing whose smallest text is at least `minPx`
 * CSS px: the five test widths cannot show that no width in between shrinks the text.
 * Problems name the figure and the ranges of widths where it fails.
 */
export async function sweepChartText(context, url, { from = 320, to = 1280, step = 1, minPx = MIN_TEXT_PX, variant = 'sweep' } = {}) {
  const page = await context.newPage();
  const problems = [];
  const bad = new Map();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => true));
    for (let w = from; w <= to; w += step) {
      await page.setViewportSize({ width: w, height: 800 });
      for (const f of await page.evaluate(inPageTextSizes)) {
        const why = f.drawings !== 1 ? `shows ${f.drawings} drawings`
          : f.least < minPx - 0.01 ? `shows text under ${minPx} px` : null;
        if (!why) continue;
        const key = `${f.figure}: ${why}`;
        const seen = bad.get(key) || { widths: [], least: Infinity, text: f.text };
        seen.widths.push(w);
        if (f.least < seen.least) { seen.least = f.least; seen.text = f.text; }
        bad.set(key, seen);
      }
    }
  } catch (err) {
    problems.push({ check: 'browser', page: url, variant, detail: `could not sweep the page: ${err.message.split('\n')[0]}` });
  } finally {
    await page.close();
  }
  for (const [key, { widths, least, text }] of bad) {
    const ranges = [];
    for (const w of widths) {
      const last = ranges[ranges.length - 1];
      if (last && w - last[1] === step) last[1] = w; else ranges.push([w, w]);
    }
    const where = ranges.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
    const smallest = Number.isFinite(least) ? ` (smallest ${least.toFixed(1)} px: “${text}”)` : '';
    problems.push({ check: 'chart-text-small', page: url, variant, detail: `figure#${key} at viewport widths ${where} px${smallest}` });
  }
  return problems;
}
