import { EventEmitter } from 'node:events';
import path from 'node:path';

/**
 * Just enough of Electron's main-process API to run main/electron/main.ts under Node, recording what it does.
 * The real Electron cannot run on this machine; this checks the shell's wiring (paths, lock, core, IPC, menu,
 * window, security hooks, quit), not Electron itself.
 */
export function createFakeElectron(opts: { userData: string; locale?: string }) {
  const paths = new Map<string, string>([
    ['userData', opts.userData],
    ['temp', path.join(opts.userData, 'tmp')],
    ['documents', path.join(opts.userData, 'docs')],
  ]);
  let ready!: () => void;
  const readyPromise = new Promise<void>((r) => (ready = r));
  const appEvents = new EventEmitter();
  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: FakeWindow[] = [];
  const dialogs: Record<string, unknown>[] = [];
  const calls = { quit: 0, exit: [] as number[], relaunch: 0, openExternal: [] as string[], menu: null as unknown, sandbox: false };
  const session = {
    headerHooks: [] as ((d: unknown, cb: (r: unknown) => void) => void)[],
    permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | (() => boolean),
  };

  let nextId = 1;
  class FakeContents extends EventEmitter {
    id = nextId++;
    sent: unknown[][] = [];
    openHandler: ((d: { url: string }) => unknown) | null = null;
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    setWindowOpenHandler(h: (d: { url: string }) => unknown) {
      this.openHandler = h;
    }
  }

  class FakeWindow extends EventEmitter {
    webContents = new FakeContents();
    loaded: string | null = null;
    destroyed = false;
    constructor(public options: Record<string, unknown>) {
      super();
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    maximize() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    getNormalBounds() {
      const o = this.options as { x: number; y: number; width: number; height: number };
      return { x: o.x, y: o.y, width: o.width, height: o.height };
    }
    /** What the OS close button does: 'close', then 'closed'. */
    close() {
      this.emit('close', { preventDefault() {} });
      this.destroyed = true;
      this.webContents.emit('destroyed');
      this.emit('closed');
    }
  }

  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  const electron = {
    app: Object.assign(appEvents, {
      isPackaged: false,
      setPath: (name: string, p: string) => paths.set(name, p),
      getPath: (name: string) => {
        const p = paths.get(name);
        if (!p) throw new Error(`fake electron: no path ${name}`);
        return p;
      },
      setAppLogsPath: (p?: string) => paths.set('logs', p ?? path.join(paths.get('userData') ?? '', 'logs')),
      enableSandbox: () => (calls.sandbox = true),
      setAppUserModelId: () => {},
      requestSingleInstanceLock: () => true,
      whenReady: () => readyPromise,
      getLocale: () => opts.locale ?? 'en-US',
      quit: () => {
        calls.quit++;
        appEvents.emit('before-quit');
      },
      exit: (code: number) => calls.exit.push(code),
      relaunch: () => calls.relaunch++,
    }),
    BrowserWindow: FakeWindow,
    screen: { getPrimaryDisplay: () => ({ id: 1, workArea }), getAllDisplays: () => [{ id: 1, workArea }] },
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (calls.menu = m) },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        dialogs.push(args.at(-1) as Record<string, unknown>);
        return { response: 0 };
      },
    },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'unknown' },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: (d: unknown, cb: (r: unknown) => void) => void) => session.headerHooks.push(fn) },
        setPermissionRequestHandler: (fn: typeof session.permissionRequest) => (session.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof session.permissionCheck) => (session.permissionCheck = fn),
      },
    },
    shell: { openExternal: async (url: string) => void calls.openExternal.push(url), showItemInFolder: () => {} },
  };

  return { electron, ready: () => ready(), ipcHandlers, windows, dialogs, calls, session, FakeContents };
}

const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM'];

/** main.ts installs process-wide handlers; call the returned function to remove them from the test worker again. */
export function keepProcessListeners(): () => void {
  const emitter: NodeJS.EventEmitter = process; // the plain EventEmitter view, without process's per-event overloads
  const before = new Map(PROCESS_EVENTS.map((n) => [n, emitter.listeners(n)]));
  return () => {
    for (const n of PROCESS_EVENTS) {
      for (const l of emitter.listeners(n)) if (!before.get(n)?.includes(l)) emitter.removeListener(n, l as (...args: unknown[]) => void);
    }
  };
}
