// Lighthouse (npm `lighthouse`, its CLI) against Debian's Chromium: the four category scores.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(HERE, '..', 'node_modules', 'lighthouse', 'cli', 'index.js');
export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/**
 * Runs Lighthouse on `url` with the default (mobile, simulated throttling) settings. Writes
 * `<outBase>.report.json` and `.report.html`. Resolves to { scores: {category: 0..100},
 * failing: [audit ids with score < 1 and their titles] }.
 */
export function lighthouse(url, { chromePath, chromeFlags, outBase }) {
  const args = [CLI, url,
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${chromeFlags.join(' ')}`,
    '--output=json', '--output=html', `--output-path=${outBase}`,
    '--quiet', '--max-wait-for-load=30000'];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CHROME_PATH: chromePath },
    });
    let err = '';
    p.stdout.on('data', () => {});
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', reject);
    p.on('close', (code) => {
      const jsonFile = `${outBase}.report.json`;
      if (code !== 0 || !fs.existsSync(jsonFile)) {
        reject(new Error(`lighthouse exited ${code}: ${err.slice(-1500)}`));
        return;
      }
      const lhr = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
      const scores = {};
      for (const c of CATEGORIES) {
        const s = lhr.categories[c] && lhr.categories[c].score;
        scores[c] = s == null ? null : Math.round(s * 100);
      }
      const failing = [];
      for (const c of CATEGORIES) {
        for (const ref of (lhr.categories[c] || { auditRefs: [] }).auditRefs) {
          const a = lhr.audits[ref.id];
          if (ref.weight > 0 && a && a.score !== null && a.score < 1) {
            failing.push(`${c}/${ref.id} (${Math.round(a.score * 100)}): ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`);
          }
        }
      }
      const runWarnings = lhr.runWarnings || [];
      resolve({ scores, failing, runWarnings, lighthouseVersion: lhr.lighthouseVersion, userAgent: lhr.environment && lhr.environment.hostUserAgent });
    });
  });
}

/** Problems for scores under `min` (a missing score is a problem too). */
export function scoreProblems(url, scores, min, failing = []) {
  const out = [];
  for (const c of CATEGORIES) {
    if (scores[c] == null || scores[c] < min) {
      out.push({ check: 'lighthouse', page: url, detail: `${c} score ${scores[c]} < ${min}; audits below 100: ${failing.filter((f) => f.startsWith(`${c}/`)).join(' | ') || '?'}` });
    }
  }
  return out;
}
