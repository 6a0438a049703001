/**
 * The words of the native dialogs, in the two languages the shell speaks. Pure data plus a picker: the renderer has
 * its own translations; these are only for what the OS draws (dialogs, menu).
 */

export type Lang = 'zh' | 'en';

/** zh-CN, zh-TW, zh-HK, zh… → Chinese; everything else → English. */
export function pickLang(locale: string): Lang {
  return /^zh\b/i.test(locale.trim()) ? 'zh' : 'en';
}

export type DbErrorCode = 'db_newer_version' | 'db_foreign' | 'db_corrupt';

export interface Messages {
  dbErrorTitle: string;
  dbError: Record<DbErrorCode, string>;
  dbOpenFailed: string;
  dbInUse: string;
  untouched: string;
  showFile: string;
  quit: string;
  backupTitle: string;
  backupDone: (file: string) => string;
  backupFailed: string;
  restoreTitle: string;
  restoreConfirm: (file: string) => string;
  restoreDetail: string;
  restoreDone: (safetyCopy: string | null) => string;
  restoreButton: string;
  cancel: string;
  restoreRefused: string;
  restoreFailed: string;
  dbFileFilter: string;
  aboutDetail: (version: string, dbPath: string) => string;
  ok: string;
}

const en: Messages = {
  dbErrorTitle: 'ShopDesk cannot open its data',
  dbError: {
    db_newer_version: 'This database was saved by a newer version of ShopDesk. Please update ShopDesk to open it.',
    db_foreign: 'The database file belongs to another program, it is not a ShopDesk database.',
    db_corrupt: 'The database file is damaged and cannot be read. You can restore it from a backup copy.',
  },
  dbOpenFailed: 'ShopDesk could not open its database file.',
  dbInUse: 'The database is in use by another ShopDesk program (for example `shopdesk serve`). Close it, then start ShopDesk again.',
  untouched: 'ShopDesk has not changed the file. It will close now.',
  showFile: 'Show the file',
  quit: 'Quit',
  backupTitle: 'Back up the database',
  backupDone: (file) => `Backup saved:\n${file}`,
  backupFailed: 'The backup could not be saved.',
  restoreTitle: 'Restore the database',
  restoreConfirm: (file) => `Replace all current ShopDesk data with the backup "${file}"?`,
  restoreDetail: 'A copy of the current data is kept beside the database. ShopDesk will restart.',
  restoreDone: (copy) => (copy ? `The backup was restored. The previous data is kept at:\n${copy}` : 'The backup was restored.'),
  restoreButton: 'Restore and restart',
  cancel: 'Cancel',
  restoreRefused: 'This file cannot be restored.',
  restoreFailed: 'The restore did not complete. The current data is unchanged.',
  dbFileFilter: 'ShopDesk database',
  aboutDetail: (version, dbPath) => `Version ${version}\nData: ${dbPath}`,
  ok: 'OK',
};

const zh: Messages = {
  dbErrorTitle: 'ShopDesk 无法打开数据',
  dbError: {
    db_newer_version: '此数据库由更新版本的 ShopDesk 保存。请先更新 ShopDesk 再打开。',
    db_foreign: '此数据库文件属于其他程序，不是 ShopDesk 的数据库。',
    db_corrupt: '数据库文件已损坏，无法读取。可以用备份文件恢复。',
  },
  dbOpenFailed: 'ShopDesk 无法打开数据库文件。',
  dbInUse: '数据库正被另一个 ShopDesk 程序使用（例如 `shopdesk serve`）。请先关闭它，再启动 ShopDesk。',
  untouched: 'ShopDesk 没有改动这个文件，现在将关闭。',
  showFile: '显示文件',
  quit: '退出',
  backupTitle: '备份数据库',
  backupDone: (file) => `备份已保存：\n${file}`,
  backupFailed: '备份没有保存成功。',
  restoreTitle: '恢复数据库',
  restoreConfirm: (file) => `用备份“${file}”替换当前全部 ShopDesk 数据？`,
  restoreDetail: '当前数据会在数据库旁边保留一份副本。ShopDesk 将重新启动。',
  restoreDone: (copy) => (copy ? `备份已恢复。之前的数据保存在：\n${copy}` : '备份已恢复。'),
  restoreButton: '恢复并重启',
  cancel: '取消',
  restoreRefused: '这个文件不能用于恢复。',
  restoreFailed: '恢复没有完成，当前数据没有改变。',
  dbFileFilter: 'ShopDesk 数据库',
  aboutDetail: (version, dbPath) => `版本 ${version}\n数据：${dbPath}`,
  ok: '确定',
};

export const MESSAGES: Record<Lang, Messages> = { en, zh };

export function isDbErrorCode(code: unknown): code is DbErrorCode {
  return code === 'db_newer_version' || code === 'db_foreign' || code === 'db_corrupt';
}
