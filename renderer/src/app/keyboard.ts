import { useEffect } from 'react';
import { useNav, SCREENS, SCREEN_KEYS, type Screen } from '../state/nav.js';
import { useOrdersView } from '../state/orders-view.js';
import { openSwitch } from '../state/session.js';
import { closeDrawer } from '../screens/orders/drawer/OrderDrawer.js';
import { focusTarget, sendListKey } from './focus.js';

/** How long after "g" the second key still counts. */
const CHORD_MS = 1500;
const LIST_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', 'Enter']);

function isTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(el.type);
  return el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/** True when no control has the focus, so list keys can safely mean "move in the order list". */
function nothingFocused(el: Element | null): boolean {
  return el === null || el === document.body || (el instanceof HTMLElement && el.classList.contains('drawer'));
}

function screenForKey(key: string): Screen | undefined {
  return SCREENS.find((s) => SCREEN_KEYS[s] === key.toLowerCase());
}

/** F2, or Ctrl+Shift+S where F2 needs an Fn key: the bench changes hands. */
function isSwitchKey(e: KeyboardEvent): boolean {
  return (e.key === 'F2' && !e.ctrlKey && !e.altKey && !e.metaKey) || ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.code === 'KeyS');
}

/**
 * Shortcuts for the whole window: g+o/r/p/a/f/s and Ctrl+1…6 switch screens, "/" goes to search, Esc closes the
 * order drawer, ↑/↓/Enter drive the list when nothing else holds the focus, F2 switches operator. Keys typed into a
 * field stay there (F2 excepted: it types nothing), and IME composition (Chinese input) is never interpreted.
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    let chordAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.key === 'Process') return;
      const nav = useNav.getState();
      const target = document.activeElement;

      if (isSwitchKey(e)) {
        e.preventDefault();
        openSwitch();
        return;
      }

      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && /^[1-7]$/.test(e.key)) {
        const s = SCREENS[Number(e.key) - 1];
        if (s) {
          e.preventDefault();
          nav.go(s);
        }
        return;
      }
      if (e.key === 'Escape') {
        if (useOrdersView.getState().openId !== null) {
          e.preventDefault();
          closeDrawer();
        } else if (isTyping(target) && nav.screen === 'orders') {
          focusTarget('list');
        }
        return;
      }
      if (isTyping(target) || e.ctrlKey || e.metaKey || e.altKey) return;

      if (chordAt && Date.now() - chordAt < CHORD_MS) {
        chordAt = 0;
        const s = screenForKey(e.key);
        if (s) {
          e.preventDefault();
          nav.go(s);
        }
        return;
      }
      chordAt = 0;
      if (e.key === 'g' || e.key === 'G') {
        chordAt = Date.now();
        return;
      }
      if (e.key === '/') {
        e.preventDefault();
        if (nav.screen !== 'orders') nav.go('orders');
        // The search box mounts with the orders screen; wait a frame when we just switched to it.
        requestAnimationFrame(() => focusTarget('search'));
        return;
      }
      if (nav.screen === 'orders' && LIST_KEYS.has(e.key) && nothingFocused(target) && sendListKey(e.key)) {
        e.preventDefault();
        if (e.key !== 'Enter') focusTarget('list');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
