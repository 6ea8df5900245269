// Internal link check over HTTP: crawls the served site from its home page (and any page not
// reached from it), requires every internal href/src/srcset to answer 200 without a redirect,
// and every #fragment to match an id (or a[name]) on the target document.

/** Runs in the page: every URL the document refers to, and every id it defines. */
export function inPageLinks() {
  const XLINK = 'http://www.w3.org/1999/xlink';
  const refs = [];
  const push = (el, attr, raw) => {
    if (raw == null || raw === '') return;
    let abs;
    try { abs = new URL(raw, document.baseURI).href; } catch { abs = null; }
    const tag = el.localName;
    refs.push({ raw, abs, where: `<${tag} ${attr}="${raw}">` });
  };
  for (const el of document.querySelectorAll('*')) {
    for (const attr of ['href', 'src', 'action', 'poster', 'data']) {
      if (el.hasAttribute(attr) && !(attr === 'data' && el.localName !== 'object')) push(el, attr, el.getAttribute(attr));
    }
    if (el.hasAttributeNS(XLINK, 'href')) push(el, 'xlink:href', el.getAttributeNS(XLINK, 'href'));
    if (el.hasAttribute('srcset')) {
      for (const part of el.getAttribute('srcset').split(',')) {
        const u = part.trim().split(/\s+/)[0];
        if (u) push(el, 'srcset', u);
      }
    }
    if (el.localName === 'meta' && /^refresh$/i.test(el.getAttribute('http-equiv') || '')) {
      const m = /url\s*=\s*['"]?([^'"]+)/i.exec(el.getAttribute('content') || '');
      if (m) push(el, 'http-equiv=refresh', m[1]);
    }
  }
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  const names = [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'));
  return { refs, ids: [...ids, ...names] };
}

const isDocType = (type) => /^(text\/html|application\/xhtml\+xml|image\/svg\+xml)/.test(type || '');

/**
 * Crawls from `seeds` (absolute URLs). Internal means: same origin as `origin` (a URL string);
 * links to another origin are not followed. A URL outside `basePath` is broken (the site lives
 * under that path). Returns { problems, visited: Map(url → status) }.
 */
export async function crawl(context, seeds, { origin, basePath, extra = [] }) {
  const o = new URL(origin).origin;
  const docs = new Map(); // url without fragment → { status, type, ids:Set|null, location }
  const referrers = new Map(); // url with fragment → [where]
  const queue = [...seeds];
  const page = await context.newPage();
  const problems = [];
  const fetchInfo = async (url) => {
    let res;
    try {
      res = await fetch(url, { redirect: 'manual' });
    } catch (err) {
      return { status: 0, type: '', error: err.message };
    }
    const type = res.headers.get('content-type') || '';
    const location = res.headers.get('location');
    await res.arrayBuffer();
    return { status: res.status, type, location };
  };
  const note = (abs, where) => {
    if (!referrers.has(abs)) referrers.set(abs, []);
    referrers.get(abs).push(where);
  };
  for (const s of seeds) note(s, '(start)');
  for (const e of extra) note(e.url, e.where);
  queue.push(...extra.map((e) => e.url));
  while (queue.length) {
    const url = queue.shift();
    const u = new URL(url);
    u.hash = '';
    const key = u.href;
    if (docs.has(key)) continue;
    const info = await fetchInfo(key);
    docs.set(key, info);
    if (info.status !== 200 || !isDocType(info.type) || !key.startsWith(o + basePath)) continue;
    try {
      await page.goto(key, { waitUntil: 'load' });
    } catch (err) {
      info.error = err.message.split('\n')[0];
      continue;
    }
    // An alias page redirects (meta refresh) as it loads: its context can be destroyed
    // under a first read and again before the page it lands on has committed (seen on a
    // loaded 2-core machine), so read again until it holds still, for up to ~5 s.
    let found;
    for (let attempt = 0; ; attempt++) {
      try {
        found = await page.evaluate(inPageLinks);
        break;
      } catch (err) {
        if (attempt >= 50) throw err;
        await page.waitForLoadState('load').catch(() => {});
        await page.waitForTimeout(100);
      }
    }
    const { refs, ids } = found;
    info.ids = new Set(ids);
    for (const r of refs) {
      if (!r.abs) {
        problems.push({ check: 'link', page: key, detail: `${r.where}: not a valid URL` });
        continue;
      }
      const t = new URL(r.abs);
      if (t.protocol !== 'http:' && t.protocol !== 'https:') continue;
      if (t.origin !== o) continue;
      note(t.href, `${key} ${r.where}`);
      queue.push(t.href);
    }
  }
  await page.close();
  for (const [abs, wheres] of referrers) {
    const u = new URL(abs);
    const frag = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
    u.hash = '';
    const info = docs.get(u.href);
    const from = wheres.slice(0, 3).join('; ') + (wheres.length > 3 ? `; and ${wheres.length - 3} more` : '');
    let why = null;
    if (!u.pathname.startsWith(basePath)) why = `outside the site's path ${basePath}`;
    else if (!info) why = 'not checked';
    else if (info.status !== 200) {
      why = info.status === 0 ? `request failed (${info.error})`
        : `answered ${info.status}${info.location ? ` → ${info.location}` : ''}`;
    } else if (info.error) why = `could not be opened: ${info.error}`;
    else if (frag && frag !== 'top') {
      if (!info.ids) why = `#${frag} points into a ${info.type.split(';')[0]} file`;
      else if (!info.ids.has(frag)) why = `no id="${frag}" on the target page`;
    }
    if (why) problems.push({ check: 'link', page: abs, detail: `${why}; linked from ${from}` });
  }
  return { problems, docs };
}
