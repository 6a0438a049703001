import { create } from 'zustand';

export const SCREENS = ['orders', 'review', 'pack', 'aftersales', 'finance', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

/** The key after "g" that opens each screen (g o, g r, …); Ctrl+1…6 follow SCREENS order. */
export const SCREEN_KEYS: Record<Screen, string> = { orders: 'o', review: 'r', pack: 'p', aftersales: 'a', finance: 'f', settings: 's' };

const STORAGE_KEY = 'shopdesk.screen';

function initialScreen(): Screen {
  try {
    const s = window.sessionStorage.getItem(STORAGE_KEY);
    if (s && (SCREENS as readonly string[]).includes(s)) return s as Screen;
  } catch {
    // storage disabled
  }
  return 'orders';
}

export const useNav = create<{ screen: Screen; go: (s: Screen) => void }>((set) => ({
  screen: initialScreen(),
  go: (screen) => {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, screen); // a reload stays on the same screen
    } catch {
      // not remembered
    }
    set({ screen });
  },
}));
