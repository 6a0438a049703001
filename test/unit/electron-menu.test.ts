import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, menuLabels } from '../../main/electron/menu.js';

const actions = () => ({ backup: vi.fn(), restore: vi.fn(), about: vi.fn() });
const sub = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role ?? i.type ?? i.label);
const findAll = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => items.flatMap((i) => [i, ...findAll(sub(i))]);

describe('menu template', () => {
  it('has File, Edit, View, Window, Help in English on Windows', () => {
    const t = buildMenuTemplate({ lang: 'en', platform: 'win32', isPackaged: true, actions: actions() });
    expect(t.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(sub(t[0]).map((i) => i.label ?? i.type)).toEqual(['Back Up Database…', 'Restore Database…', 'separator', 'Quit ShopDesk']);
    expect(roles(sub(t[1]))).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('speaks Chinese with the zh table, every item labelled', () => {
    const t = buildMenuTemplate({ lang: 'zh', platform: 'linux', isPackaged: true, actions: actions() });
    expect(t.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    expect(sub(t[0])[0]?.label).toBe('备份数据库…');
    for (const item of findAll(t)) if (item.type !== 'separator') expect(item.label, JSON.stringify(item.role)).toMatch(/[\u4e00-\u9fff]|ShopDesk/);
  });

  it('the two language tables have the same keys', () => {
    expect(Object.keys(menuLabels('zh')).sort()).toEqual(Object.keys(menuLabels('en')).sort());
  });

  it('offers developer tools only when not packaged', () => {
    const has = (isPackaged: boolean) =>
      findAll(buildMenuTemplate({ lang: 'en', platform: 'win32', isPackaged, actions: actions() })).some((i) => i.role === 'toggleDevTools');
    expect(has(true)).toBe(false);
    expect(has(false)).toBe(true);
  });

  it('on macOS puts About and Quit in the application menu, not in File', () => {
    const t = buildMenuTemplate({ lang: 'en', platform: 'darwin', isPackaged: true, actions: actions() });
    expect(t[0]?.label).toBe('ShopDesk');
    expect(roles(sub(t[0]))).toContain('quit');
    expect(roles(sub(t[1]))).not.toContain('quit');
    expect(t.find((m) => m.label === 'Window')?.role).toBe('window');
  });

  it('wires Backup, Restore and About to the actions', () => {
    const a = actions();
    const items = findAll(buildMenuTemplate({ lang: 'en', platform: 'win32', isPackaged: true, actions: a }));
    const click = (label: string) => (items.find((i) => i.label === label)?.click as (() => void) | undefined)?.();
    click('Back Up Database…');
    click('Restore Database…');
    click('About ShopDesk');
    expect([a.backup, a.restore, a.about].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
  });
});
