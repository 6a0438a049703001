import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, isOwnPage, isTrustedSender, judgeNavigation, type OwnPage } from '../../main/electron/security-policy.js';

const filePage: OwnPage = { kind: 'file', url: pathToFileURL('/opt/ShopDesk/resources/app.asar/dist/renderer/index.html').href };
const devPage: OwnPage = { kind: 'dev', url: 'http://localhost:5173/' };

describe('Content-Security-Policy', () => {
  it('is the strict policy, exactly', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy(filePage)).toBe(CONTENT_SECURITY_POLICY);
  });

  it('relaxes only what the Vite dev server needs', () => {
    const dev = contentSecurityPolicy(devPage);
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain('connect-src \'self\' http://localhost:5173 ws://localhost:5173');
    expect(dev).toContain("object-src 'none'");
    expect(dev).not.toContain('unsafe-eval');
  });
});

describe('own page and navigation', () => {
  it('recognises the renderer file with any route, and nothing else', () => {
    expect(isOwnPage(`${filePage.url}#/orders`, filePage, 'linux')).toBe(true);
    expect(isOwnPage(`${filePage.url}?x=1`, filePage, 'linux')).toBe(true);
    expect(isOwnPage(pathToFileURL('/opt/ShopDesk/resources/app.asar/dist/renderer/other.html').href, filePage, 'linux')).toBe(false);
    expect(isOwnPage('file:///tmp/shopdesk-print-1.html', filePage, 'linux')).toBe(false);
    expect(isOwnPage('https://evil.example/index.html', filePage, 'linux')).toBe(false);
    expect(isOwnPage(undefined, filePage, 'linux')).toBe(false);
    expect(isOwnPage('not a url', filePage, 'linux')).toBe(false);
  });

  it('compares Windows paths without case', () => {
    const win: OwnPage = { kind: 'file', url: 'file:///C:/Program%20Files/ShopDesk/resources/app.asar/dist/renderer/index.html' };
    expect(isOwnPage('file:///c:/program%20files/shopdesk/resources/app.asar/dist/renderer/index.html', win, 'win32')).toBe(true);
    expect(isOwnPage('file:///c:/program%20files/shopdesk/resources/app.asar/dist/renderer/index.html', win, 'linux')).toBe(false);
  });

  it('matches the dev server by origin', () => {
    expect(isOwnPage('http://localhost:5173/src/main.tsx', devPage)).toBe(true);
    expect(isOwnPage('http://localhost:5174/', devPage)).toBe(false);
    expect(isOwnPage('http://127.0.0.1:5173/', devPage)).toBe(false);
  });

  it('opens https links in the browser and blocks everything else', () => {
    expect(judgeNavigation(`${filePage.url}#/pack`, filePage, 'linux')).toBe('allow');
    expect(judgeNavigation('https://trade.taobao.com/trade/detail.htm?id=1', filePage, 'linux')).toBe('open-externally');
    expect(judgeNavigation('http://example.com/', filePage, 'linux')).toBe('block');
    expect(judgeNavigation('file:///etc/passwd', filePage, 'linux')).toBe('block');
    expect(judgeNavigation('javascript:alert(1)', filePage, 'linux')).toBe('block');
  });

  it('trusts IPC only from our page in the top frame', () => {
    expect(isTrustedSender({ url: `${filePage.url}#/orders`, isTopFrame: true }, filePage, 'linux')).toBe(true);
    expect(isTrustedSender({ url: filePage.url, isTopFrame: false }, filePage, 'linux')).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true }, filePage, 'linux')).toBe(false);
    expect(isTrustedSender(null, filePage, 'linux')).toBe(false);
  });
});
