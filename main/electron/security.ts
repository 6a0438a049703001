import { app, session, shell } from 'electron';
import type { FileLog } from './log.js';
import { contentSecurityPolicy, judgeNavigation, type OwnPage } from './security-policy.js';

/**
 * Session-wide hardening: the CSP header on every response (the renderer also carries it as a meta tag, which is
 * what applies to file:// pages), and no permission is ever granted: ShopDesk needs no camera, microphone,
 * notifications-by-prompt, geolocation or the like.
 */
export function hardenSession(page: OwnPage, log: FileLog): void {
  const ses = session.defaultSession;
  const csp = contentSecurityPolicy(page);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log.info(`permission request refused: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
}

/**
 * Guards every web contents the app ever creates (main window, print windows): no <webview>, no navigation away
 * from our page, no new windows. https links go to the seller's browser instead.
 */
export function guardAllWebContents(page: OwnPage, log: FileLog): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.error('refused to attach a <webview>');
    });
    const onNavigate = (event: { preventDefault(): void }, url: string) => {
      const verdict = judgeNavigation(url, page);
      if (verdict === 'allow') return;
      event.preventDefault();
      if (verdict === 'open-externally') void shell.openExternal(url);
      else log.error(`navigation refused: ${url}`);
    };
    contents.on('will-navigate', (event, url) => onNavigate(event, url));
    contents.on('will-redirect', (event, url) => onNavigate(event, url));
    contents.setWindowOpenHandler(({ url }) => {
      if (judgeNavigation(url, page) === 'open-externally') void shell.openExternal(url);
      else log.error(`new window refused: ${url}`);
      return { action: 'deny' };
    });
  });
}
