/**
 * The security rules of the Electron shell as pure functions, so they are tested without Electron:
 * the Content-Security-Policy, "is this our own page", and what to do with a navigation or a new-window request.
 */

/** The page the window shows: the built renderer file, or the Vite dev server while developing. */
export type OwnPage = { kind: 'file'; url: string } | { kind: 'dev'; url: string };

/** The production policy: everything from our own files, nothing inline, nothing remote. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The dev server needs two relaxations: Vite injects CSS as <style> elements and the React refresh preamble as an
 * inline script, and hot reload talks over a WebSocket to the dev server. Only used when the app is not packaged.
 */
export function contentSecurityPolicy(page: OwnPage): string {
  if (page.kind === 'file') return CONTENT_SECURITY_POLICY;
  const ws = page.url.replace(/^http/, 'ws');
  const origin = new URL(page.url).origin;
  const wsOrigin = new URL(ws).origin;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${origin} ${wsOrigin}`);
}

function parse(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is our page (any #route or ?query on it). Used to trust IPC senders and to allow reloads.
 * Windows paths compare without case: the same file may be spelled C:/ or c:/.
 */
export function isOwnPage(url: string | undefined, page: OwnPage, platform: NodeJS.Platform = process.platform): boolean {
  const u = parse(url);
  const own = parse(page.url);
  if (!u || !own) return false;
  if (page.kind === 'dev') return u.origin === own.origin;
  if (u.protocol !== 'file:' || u.host !== own.host) return false;
  const a = decodeURIComponent(u.pathname);
  const b = decodeURIComponent(own.pathname);
  return platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

export type NavigationVerdict = 'allow' | 'open-externally' | 'block';

/**
 * The window only ever shows our page. A link to an https site opens in the seller's browser (a shop's order page,
 * a carrier's tracking page); plain http, file:, javascript: and everything else are refused.
 */
export function judgeNavigation(url: string, page: OwnPage, platform: NodeJS.Platform = process.platform): NavigationVerdict {
  if (isOwnPage(url, page, platform)) return 'allow';
  return parse(url)?.protocol === 'https:' ? 'open-externally' : 'block';
}

/** IPC is answered only for our page in the window's top frame (never an iframe, never a navigated-away page). */
export function isTrustedSender(frame: { url: string; isTopFrame: boolean } | null, page: OwnPage, platform: NodeJS.Platform = process.platform): boolean {
  return frame !== null && frame.isTopFrame && isOwnPage(frame.url, page, platform);
}
