import type { MenuItemConstructorOptions } from 'electron';
import type { Lang } from './messages.js';

/**
 * The native menu as data: a label table per language and a template builder. Only types come from Electron, so the
 * builder is tested under plain Node; main.ts hands the result to Menu.buildFromTemplate.
 */

const LABELS = {
  en: {
    file: 'File',
    backup: 'Back Up Database…',
    restore: 'Restore Database…',
    quit: 'Quit ShopDesk',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close Window',
    help: 'Help',
    about: 'About ShopDesk',
    hide: 'Hide ShopDesk',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    services: 'Services',
  },
  zh: {
    file: '文件',
    backup: '备份数据库…',
    restore: '恢复数据库…',
    quit: '退出 ShopDesk',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '全屏',
    window: '窗口',
    minimize: '最小化',
    zoom: '缩放',
    close: '关闭窗口',
    help: '帮助',
    about: '关于 ShopDesk',
    hide: '隐藏 ShopDesk',
    hideOthers: '隐藏其他',
    showAll: '全部显示',
    services: '服务',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type MenuLabels = (typeof LABELS)[Lang];
export function menuLabels(lang: Lang): MenuLabels {
  return LABELS[lang];
}

export interface MenuActions {
  backup(): void;
  restore(): void;
  about(): void;
}

export interface MenuOptions {
  lang: Lang;
  platform: NodeJS.Platform;
  /** Developer tools only in a development run, never in the shipped app. */
  isPackaged: boolean;
  actions: MenuActions;
}

const sep: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[opts.lang];
  const mac = opts.platform === 'darwin';
  const { actions } = opts;
  const about: MenuItemConstructorOptions = { label: t.about, click: () => actions.about() };

  // macOS keeps About/Hide/Quit in the application menu; other systems keep Quit in File.
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'ShopDesk',
          submenu: [
            about,
            sep,
            { role: 'services', label: t.services },
            sep,
            { role: 'hide', label: t.hide },
            { role: 'hideOthers', label: t.hideOthers },
            { role: 'unhide', label: t.showAll },
            sep,
            { role: 'quit', label: t.quit },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      { label: t.backup, click: () => actions.backup() },
      { label: t.restore, click: () => actions.restore() },
      ...(mac ? [] : [sep, { role: 'quit', label: t.quit } satisfies MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      sep,
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      { role: 'reload', label: t.reload },
      ...(opts.isPackaged ? [] : [{ role: 'toggleDevTools', label: t.devTools } satisfies MenuItemConstructorOptions]),
      sep,
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      sep,
      { role: 'togglefullscreen', label: t.fullScreen },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: t.window,
    // role 'window' marks it as macOS's Window menu (the open-window list is added there).
    ...(mac ? { role: 'window' as const } : {}),
    submenu: [{ role: 'minimize', label: t.minimize }, ...(mac ? [{ role: 'zoom', label: t.zoom } satisfies MenuItemConstructorOptions] : []), { role: 'close', label: t.close }],
  };

  const help: MenuItemConstructorOptions = { label: t.help, role: 'help', submenu: [about] };

  return [...appMenu, file, edit, view, windowMenu, help];
}
