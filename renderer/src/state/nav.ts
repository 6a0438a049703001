import { create } from 'zustand';
import type { Permission } from '../../../shared/domain/people.js';
import { useSession } from './session.js';

export const SCREENS = ['orders', 'review', 'pack', 'aftersales', 'finance', 'settings', 'imports'] as const;
export type Screen = (typeof SCREENS)[number];

/** The key after "g" that opens each screen (g o, g r, …); Ctrl+1…6 follow SCREENS order. */
export const SCREEN_KEYS: Record<Screen, string> = { orders: 'o', review: 'r', pack: 'p', aftersales: 'a', finance: 'f', settings: 's', imports: 'i' };

/** What an operator needs to open each screen; Settings always opens (language is everyone's). */
export const SCREEN_PERMISSION: Record<Screen, Permission | null> = {
  orders: 'orders.view',
  review: 'audit.decide',
  pack: 'pack.verify',
  aftersales: 'aftersales.handle',
  finance: 'finance.view',
  settings: null,
  imports: 'orders.import',
};

export const SETTINGS_TABS = ['general', 'shops', 'carriers', 'rules', 'sync', 'people', 'stations'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];
export const SETTINGS_TAB_PERMISSION: Record<SettingsTab, Permission | null> = {
  general: null,
  shops: 'shops.manage',
  carriers: 'shops.manage',
  rules: 'rules.edit',
  // Everyone who sees orders may see whether they are fresh (and start a sync: main allows it with orders.view).
  sync: 'orders.view',
  people: 'people.manage',
  stations: 'stations.manage',
};

const STORAGE_KEY = 'shopdesk.screen';
const TAB_KEY = 'shopdesk.settingsTab';

function stored<T extends string>(key: string, values: readonly T[], fallback: T): T {
  try {
    const s = window.sessionStorage.getItem(key);
    if (s && (values as readonly string[]).includes(s)) return s as T;
  } catch {
    // storage disabled
  }
  return fallback;
}

function remember(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value); // a reload stays where it was
  } catch {
    // not remembered
  }
}

export function allowed(needs: Permission | null, permissions: readonly Permission[]): boolean {
  return needs === null || permissions.includes(needs);
}

function currentPermissions(): readonly Permission[] {
  return useSession.getState().info?.permissions ?? [];
}

interface Nav {
  screen: Screen;
  settingsTab: SettingsTab;
  /** Opens a screen, unless the signed-in operator may not use it (keyboard shortcuts reach here too). */
  go: (s: Screen) => void;
  goSettings: (tab: SettingsTab) => void;
}

export const useNav = create<Nav>((set) => ({
  screen: stored(STORAGE_KEY, SCREENS, 'orders'),
  settingsTab: stored(TAB_KEY, SETTINGS_TABS, 'general'),
  go: (screen) => {
    if (!allowed(SCREEN_PERMISSION[screen], currentPermissions())) return;
    remember(STORAGE_KEY, screen);
    set({ screen });
  },
  goSettings: (settingsTab) => {
    if (!allowed(SETTINGS_TAB_PERMISSION[settingsTab], currentPermissions())) return;
    remember(TAB_KEY, settingsTab);
    remember(STORAGE_KEY, 'settings');
    set({ screen: 'settings', settingsTab });
  },
}));

const NO_PERMISSIONS: readonly Permission[] = [];

/**
 * The screen to show: the chosen one, or — when the operator now signed in may not use it (a packer took over a
 * bench left on Finance) — the first one they may. Derived, not redirected, so a forbidden screen never mounts and
 * never sends a request main would refuse.
 */
export function useScreen(): Screen {
  const screen = useNav((s) => s.screen);
  const permissions = useSession((s) => s.info?.permissions ?? NO_PERMISSIONS);
  if (allowed(SCREEN_PERMISSION[screen], permissions)) return screen;
  return SCREENS.find((s) => allowed(SCREEN_PERMISSION[s], permissions)) ?? 'settings';
}

export function useSettingsTab(): SettingsTab {
  const tab = useNav((s) => s.settingsTab);
  const permissions = useSession((s) => s.info?.permissions ?? NO_PERMISSIONS);
  return allowed(SETTINGS_TAB_PERMISSION[tab], permissions) ? tab : 'general';
}
