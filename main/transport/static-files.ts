import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The page may talk only to its own origin; nothing inline, nothing remote. */
export function contentSecurityPolicy(wsOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${wsOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>ShopDesk</title>
<p>The ShopDesk window has not been built yet. Run <code>npm run build</code>, then start <code>shopdesk serve</code> again.</p>
<p>ShopDesk 的界面尚未构建。请先运行 <code>npm run build</code>，再启动 <code>shopdesk serve</code>。</p>`;

/** Serves the built renderer read-only; refuses anything outside its folder. */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400, headers).end('bad path');
    return;
  }
  const rootAbs = path.resolve(root);
  const file = path.resolve(rootAbs, '.' + (pathname === '/' ? '/index.html' : pathname));
  if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) {
    res.writeHead(403, headers).end('forbidden');
    return;
  }
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      if (pathname === '/' || pathname === '/index.html') {
        res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html']! }).end(NOT_BUILT);
      } else {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      }
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    // Hashed assets can be cached; index.html must not be, so a rebuilt app is picked up.
    const cache = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': String(st.size), 'Cache-Control': cache });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
}
