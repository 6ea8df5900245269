// Validation of output files: the Nu Html Checker (vnu.jar, run with java) for HTML, SVG and
// CSS, and an XML parser (the browser's) for well-formedness of the feed and the sitemap.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const VNU_JAR = path.join(HERE, '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/** Every file under `dir` (relative paths with '/'), skipping dot-files and dot-folders. */
export function listFiles(dir) {
  const out = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk(dir, '');
  return out;
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs vnu over the given files (absolute paths): .html as HTML, .svg as SVG, .css as CSS.
 * Returns problems {check:'vnu', page:file, detail}. Warnings and info messages are not problems.
 */
export async function vnuCheck(files) {
  if (files.length === 0) return [];
  const args = ['-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout',
    '--also-check-svg', '--also-check-css', ...files];
  const r = await run('java', args);
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    return [{ check: 'vnu', page: '(vnu)', detail: `vnu exited ${r.code} without JSON output: ${(r.stderr || r.stdout).slice(0, 500)}` }];
  }
  const problems = json.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => ({
      check: 'vnu',
      page: m.url ? decodeURIComponent(m.url.replace(/^file:/, '')) : '(vnu)',
      detail: `${m.lastLine ? `line ${m.lastLine}: ` : ''}${m.message}${m.extract ? ` — ${JSON.stringify(m.extract)}` : ''}`,
    }));
  if (r.code !== 0 && problems.length === 0) {
    problems.push({ check: 'vnu', page: '(vnu)', detail: `vnu exited ${r.code}: ${r.stderr.slice(0, 500)}` });
  }
  return problems;
}

/**
 * Checks that `text` is well-formed XML whose root element is `root` in namespace `ns`
 * (either may be null), using the browser's XML parser. `page` is any Playwright page.
 */
export async function xmlCheck(page, name, text, { root = null, ns = null } = {}) {
  const r = await page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'application/xml');
    const err = doc.getElementsByTagName('parsererror')[0];
    if (err) return { error: err.textContent.replace(/\s+/g, ' ').trim() };
    return { root: doc.documentElement.localName, ns: doc.documentElement.namespaceURI };
  }, text);
  if (r.error) return [{ check: 'xml', page: name, detail: `not well-formed XML: ${r.error}` }];
  const problems = [];
  if (root && r.root !== root) problems.push({ check: 'xml', page: name, detail: `root element is <${r.root}>, expected <${root}>` });
  if (ns && r.ns !== ns) problems.push({ check: 'xml', page: name, detail: `root namespace is ${r.ns}, expected ${ns}` });
  return problems;
}

/** The <loc> of a sitemap, or the link hrefs of an Atom feed, read with the browser's parser. */
export async function xmlUrls(page, text) {
  return page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, 'application/xml');
    const locs = [...doc.getElementsByTagNameNS('*', 'loc')].map((e) => e.textContent.trim());
    const links = [...doc.getElementsByTagNameNS('*', 'link')].map((e) => e.getAttribute('href')).filter(Boolean);
    const ids = [...doc.getElementsByTagNameNS('*', 'id')].map((e) => e.textContent.trim());
    return [...locs, ...links, ...ids.filter((i) => /^https?:/.test(i))];
  }, text);
}
