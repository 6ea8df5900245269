#!/usr/bin/env node
// Chinese typesetting and print checks for a built baogao site (issue 13). Usage:
//
//   node tests/browser/typeset.mjs --dir <built site> --base-url http://127.0.0.1:PORT/path/
//        [--chromium /usr/bin/chromium] [--print] [--artifacts DIR]
//
// Lines: every HTML page (redirect pages aside) at 320, 390 and 1280 px; every visible text
// character is measured: no line starts with closing punctuation, none ends with opening
// punctuation, and no figure with its unit, percentage or date is split across two lines.
// Print (--print): every report page (one with `.report:not(.plain-page)`) printed to A4 by
// Chromium, read back with poppler (pdftotext, pdftoppm): no page ends with a section heading,
// no page but the last is more than 40% blank, every page carries its number.
// Exit 0 when clean, 1 on any problem, 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serve } from './lib/server.mjs';
import { CHROME_FLAGS, DEFAULT_CHROMIUM } from './lib/chrome.mjs';
import { listFiles } from './lib/validate.mjs';

const WIDTHS = [320, 390, 1280];
const MAX_BLANK = 0.4;

function usage(msg) {
  process.stderr.write(`typeset.mjs: ${msg}\nusage: node typeset.mjs --dir DIR --base-url http://127.0.0.1:PORT/path/ [--chromium PATH] [--print] [--artifacts DIR]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { chromium: DEFAULT_CHROMIUM, print: false, artifacts: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const val = () => { i += 1; if (i >= argv.length) usage(`${a} needs a value`); return argv[i]; };
    if (a === '--dir') o.dir = val();
    else if (a === '--base-url') o.base = new URL(val());
    else if (a === '--chromium') o.chromium = val();
    else if (a === '--print') o.print = true;
    else if (a === '--artifacts') o.artifacts = val();
    else usage(`unknown argument ${a}`);
  }
  if (!o.dir || !o.base) usage('--dir and --base-url are required');
  return o;
}

/** Runs in the page: where its lines break badly. */
function lineProblems() {
  const CLOSING = '，。、；：？！）」』”’》〉】〕%％,.;:?!)';
  const OPENING = '（「『“‘《〈【〔(';
  // Written independently of the renderer's list: the tokens a reader must see whole.
  const TOKEN = /\d{4}年\d{1,2}(?:[—–-]\d{1,2})?月(?:\d{1,2}日)?|\d{1,2}(?:[—–-]\d{1,2})?月\d{1,2}日|\d[\d,]*(?:\.\d+)?(?:%|％|亿元|万元|个百分点|个|家|项|场|倍)/g;
  const problems = [];
  const range = document.createRange();
  const blockOf = (el) => {
    let e = el;
    while (e && getComputedStyle(e).display.startsWith('inline')) e = e.parentElement;
    return e;
  };
  const rectOf = (node, start, end) => {
    range.setStart(node, start);
    range.setEnd(node, end);
    return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  };
  const context = (text, i) => text.slice(Math.max(0, i - 12), i + 12).replace(/\s+/g, ' ');
  let prev = null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('svg, script, style, .visually-hidden, .skip-link')) continue;
    const block = blockOf(el);
    const text = node.data;
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i];
      if (/\s/.test(ch)) continue;
      const rects = rectOf(node, i, i + 1);
      if (!rects.length) continue;
      const r = rects[0];
      if (prev && prev.block === block && r.top >= prev.bottom - 2 && r.left < prev.left) {
        const where = `“${context(text, i)}” in <${el.localName}${el.className ? ` class="${el.className}"` : ''}>`;
        if (CLOSING.includes(ch)) problems.push(`a line starts with “${ch}”: ${where}`);
        if (OPENING.includes(prev.ch)) problems.push(`a line ends with “${prev.ch}”: ${where}`);
      }
      prev = { block, top: r.top, bottom: r.bottom, left: r.left, ch };
    }
    for (const m of text.matchAll(TOKEN)) {
      const tops = new Set(rectOf(node, m.index, m.index + m[0].length).map((r) => Math.round(r.bottom / 4)));
      if (tops.size > 1) problems.push(`“${m[0]}” is split across lines: “${context(text, m.index)}”`);
    }
  }
  for (const el of document.querySelectorAll('.nobr')) {
    const tops = new Set([...el.getClientRects()].map((r) => Math.round(r.bottom / 4)));
    if (tops.size > 1) problems.push(`“${el.textContent}” (kept whole by the renderer) is split across lines`);
  }
  return problems;
}

/** The text of every section heading of a page, as printed. */
function headingTexts() {
  return [...document.querySelectorAll('.prose :is(h2, h3), .print-appendix h2')]
    .map((h) => [...h.childNodes].filter((n) => !(n.classList && n.classList.contains('anchor'))).map((n) => n.textContent).join('').trim());
}

/** Largest share of a page's height with no ink, per page, from a grey rendering. */
function blankShares(pdf, tmp) {
  const prefix = path.join(tmp, 'page');
  execFileSync('pdftoppm', ['-gray', '-r', '30', pdf, prefix]);
  return fs.readdirSync(tmp).filter((f) => f.startsWith('page') && f.endsWith('.pgm')).sort().map((f) => {
    const data = fs.readFileSync(path.join(tmp, f));
    // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
    let at = 0;
    const fields = [];
    while (fields.length < 4) {
      while (/\s/.test(String.fromCharCode(data[at]))) at += 1;
      let s = '';
      while (!/\s/.test(String.fromCharCode(data[at]))) { s += String.fromCharCode(data[at]); at += 1; }
      fields.push(s);
    }
    at += 1;
    const [w, h] = [Number(fields[1]), Number(fields[2])];
    const inked = [];
    for (let y = 0; y < h; y += 1) {
      const row = data.subarray(at + y * w, at + (y + 1) * w);
      if (row.some((b) => b < 200)) inked.push(y);
    }
    let gap = 0;
    for (let k = 1; k < inked.length; k += 1) gap = Math.max(gap, inked[k] - inked[k - 1]);
    return gap / h;
  });
}

async function printChecks(browser, url, rel, o, problems) {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  if (!(await page.$('.report:not(.plain-page)'))) { await page.close(); return null; }
  const headings = await page.evaluate(headingTexts);
  await page.emulateMedia({ media: 'print' });
  const tmp = fs.mkdtempSync(path.join(o.tmpRoot, 'print-'));
  const pdf = path.join(tmp, 'report.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.close();
  if (o.artifacts) fs.copyFileSync(pdf, path.join(o.artifacts, `${rel.replace(/\/?index\.html$/, '').replace(/\//g, '_') || 'home'}.pdf`));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  const pages = text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim());
  pages.forEach((p, i) => {
    const lines = p.split('\n').map((l) => l.trim()).filter(Boolean);
    const number = new RegExp(`(^|\\D)${i + 1}\\s*/\\s*${pages.length}($|\\D)`);
    if (!lines.some((l) => number.test(l))) problems.push(`${rel} (print): page ${i + 1} has no page number “${i + 1} / ${pages.length}”`);
    const body = lines.filter((l) => !number.test(l));
    const last = body[body.length - 1] || '';
    if (i < pages.length - 1 && headings.some((h) => h && last.replace(/\s+/g, '') === h.replace(/\s+/g, ''))) {
      problems.push(`${rel} (print): page ${i + 1} ends with the heading “${last}”`);
    }
  });
  const blanks = blankShares(pdf, tmp);
  blanks.forEach((share, i) => {
    if (i < blanks.length - 1 && share > MAX_BLANK) problems.push(`${rel} (print): page ${i + 1} of ${blanks.length} is ${Math.round(share * 100)}% blank`);
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  return { pages: pages.length, blankest: Math.max(0, ...blanks.slice(0, -1)) };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const dir = path.resolve(o.dir);
  if (o.artifacts) fs.mkdirSync(o.artifacts, { recursive: true });
  o.tmpRoot = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'baogao-typeset-'));
  const basePath = o.base.pathname.endsWith('/') ? o.base.pathname : `${o.base.pathname}/`;
  const urlOf = (rel) => `${o.base.origin}${basePath}${rel.replace(/(^|\/)index\.html$/, '$1')}`;
  const htmlFiles = listFiles(dir).filter((f) => f.endsWith('.html'))
    .filter((f) => !/http-equiv="refresh"/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
  if (!htmlFiles.length) usage(`no HTML pages in ${dir}`);
  const server = await serve(dir, basePath, Number(o.base.port || 80));
  const browser = await chromium.launch({ executablePath: o.chromium, headless: true, args: CHROME_FLAGS });
  const problems = [];
  try {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      for (const rel of htmlFiles) {
        const page = await context.newPage();
        await page.goto(urlOf(rel), { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        for (const p of await page.evaluate(lineProblems)) problems.push(`${rel} at ${width} px: ${p}`);
        await page.close();
      }
      await context.close();
    }
    process.stdout.write(`typeset: ${htmlFiles.length} pages at ${WIDTHS.join(', ')} px measured\n`);
    if (o.print) {
      for (const rel of htmlFiles) {
        const r = await printChecks(browser, urlOf(rel), rel, o, problems);
        if (r) process.stdout.write(`typeset: ${rel} prints on ${r.pages} A4 pages; blankest page before the last is ${Math.round(r.blankest * 100)}% blank\n`);
      }
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(o.tmpRoot, { recursive: true, force: true });
  }
  for (const p of problems) process.stdout.write(`  ${p}\n`);
  process.stdout.write(`typeset: ${problems.length} problem(s)\n`);
  process.exit(problems.length ? 1 : 0);
}

main().catch((e) => { process.stderr.write(`${e.stack || e}\n`); process.exit(1); });
