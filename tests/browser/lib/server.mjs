// A tiny static file server for a built site, mounted under a sub-path (e.g. /reports/).
// It serves only regular files inside `dir` (no dot-files, no symlinks leading out), answers a
// directory request with its index.html, redirects a directory without its trailing slash (as
// static hosts do), and answers anything else with 404 and the site's 404.html.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Resolves a URL path to a file of `root`, or null. `root` must be a real (canonical) path. */
export function resolveFile(root, basePath, urlPath) {
  if (!urlPath.startsWith(basePath)) return { status: 404 };
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(basePath.length));
  } catch {
    return { status: 400 };
  }
  if (rel.includes('\0')) return { status: 400 };
  const parts = rel.split('/');
  if (parts.some((p) => p === '..' || p.startsWith('.'))) return { status: 404 };
  let file = path.join(root, ...parts);
  let real;
  try {
    real = fs.realpathSync(file);
  } catch {
    return { status: 404 };
  }
  if (real !== root && !real.startsWith(root + path.sep)) return { status: 404 };
  const st = fs.statSync(real);
  if (st.isDirectory()) {
    if (!urlPath.endsWith('/')) return { status: 301, location: urlPath + '/' };
    file = path.join(real, 'index.html');
    if (!fs.existsSync(file)) return { status: 404 };
    return { status: 200, file };
  }
  if (!st.isFile()) return { status: 404 };
  return { status: 200, file: real };
}

/** Starts serving `dir` under `basePath` on 127.0.0.1:`port`; resolves to the http.Server. */
export function serve(dir, basePath, port) {
  const root = fs.realpathSync(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const r = req.method === 'GET' || req.method === 'HEAD'
      ? resolveFile(root, basePath, url.pathname)
      : { status: 405 };
    if (r.status === 301) {
      res.writeHead(301, { Location: r.location + url.search });
      res.end();
      return;
    }
    let file = r.file;
    if (r.status !== 200) {
      const nf = path.join(root, '404.html');
      file = r.status === 404 && fs.existsSync(nf) ? nf : null;
    }
    const body = file ? fs.readFileSync(file) : Buffer.from(`${r.status}\n`);
    const type = file ? TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' : 'text/plain';
    res.writeHead(r.status, {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
