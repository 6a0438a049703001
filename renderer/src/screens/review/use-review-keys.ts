import { useEffect, useRef } from 'react';
import { focusTarget } from '../../app/focus.js';
import { useOrdersView } from '../../state/orders-view.js';
import { reviewKeyAction, type ReviewAction } from './keys.js';
import { useReviewView } from './review-view.js';

/** As the window's own shortcuts (app/keyboard.ts): the key after "g" picks a screen and must not also decide. */
const CHORD_MS = 1500;

function isTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(el.type);
  return el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/** A focused button or link owns Enter (it presses it). */
function ownsEnter(el: Element | null): boolean {
  return el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement || (el instanceof HTMLElement && el.tagName === 'SUMMARY') || (el instanceof HTMLInputElement && el.type !== 'text');
}

/**
 * The review keys (keys.ts) while the review screen is shown. Keys typed into a field stay there, IME composition is
 * never read, an open dialog keeps its keys, and the merge panel's buttons keep theirs.
 */
export function useReviewKeys(handlers: Record<ReviewAction, () => void>): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    let chordAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.key === 'Process') return;
      if (useReviewView.getState().dialog !== null) return;
      const el = document.activeElement;
      // Esc closes the merge panel wherever the focus is (the drawer, when open, is closed first by the window's keys).
      if (e.key === 'Escape' && useReviewView.getState().mergeOpen && useOrdersView.getState().openId === null) {
        e.preventDefault();
        useReviewView.getState().setMergeOpen(false);
        focusTarget('list');
        return;
      }
      if (isTyping(el)) return;
      const chord = chordAt !== 0 && Date.now() - chordAt < CHORD_MS;
      chordAt = 0;
      if (chord) return;
      if ((e.key === 'g' || e.key === 'G') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        chordAt = Date.now();
        return;
      }
      if (e.key === 'Enter' && ownsEnter(el)) return;
      if (el instanceof HTMLElement && el.closest('.merge-panel') && e.key !== 'm') return;
      const action = reviewKeyAction(e, useReviewView.getState().queue);
      if (!action) return;
      e.preventDefault();
      ref.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
