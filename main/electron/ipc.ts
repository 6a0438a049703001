import { ipcMain, type BrowserWindow, type WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type InvokeResult } from '../../shared/contract/bridge.js';
import type { Core } from '../core.js';
import type { Session } from '../people/sessions.js';
import type { FileLog } from './log.js';
import { isTrustedSender, type OwnPage } from './security-policy.js';

/**
 * The Electron transport: one invoke handler in front of core.dispatch (which validates every input against the
 * contract and checks permissions) and core events forwarded to the window. Returns a function that unbinds both.
 */
export function bindIpc(core: Core, page: OwnPage, currentWindow: () => BrowserWindow | null, log: FileLog): () => void {
  // One session per window, like one per socket under `serve`: this computer's station, its operator signed in or
  // not. It lives as long as the window's page (a reload keeps the sign-in), and the station shows as online.
  const sessions = new Map<number, Session>();
  const sessionOf = (contents: WebContents): Session => {
    let session = sessions.get(contents.id);
    if (!session) {
      const created = core.people.sessions.forLocal();
      const leave = created.stationId ? core.people.presence.join(created.stationId) : () => {};
      const id = contents.id;
      contents.once('destroyed', () => {
        leave();
        sessions.delete(id);
      });
      sessions.set(id, created);
      session = created;
    }
    return session;
  };

  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown): Promise<InvokeResult> => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame ? { url: frame.url, isTopFrame: frame.parent === null } : null, page)) {
      log.error(`refused a call to ${String(channel)} from ${frame?.url ?? 'a closed frame'}`);
      return { ok: false, error: { code: 'forbidden', message: 'calls are accepted only from the ShopDesk window' } };
    }
    return core.dispatch(channel, input, { origin: 'electron', session: sessionOf(event.sender) });
  });

  const unsubscribe = core.events.subscribe((name, payload) => {
    const win = currentWindow();
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, name, payload);
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
