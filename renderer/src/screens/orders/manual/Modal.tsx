import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../../../i18n/index.js';
import './manual.css';

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

interface Props {
  title: string;
  testId: string;
  /** Esc (and the × button). */
  onClose: () => void;
  /** Keys the dialog handles before the default ones (Ctrl+Enter to save…); return true when used. */
  onKey?: (e: KeyboardEvent<HTMLDivElement>) => boolean;
  /** The element to focus first (default: the first field). */
  initialFocus?: string;
  wide?: boolean;
  children: ReactNode;
}

/**
 * A modal dialog for the keyboard: focus moves in on open and back where it was on close, Tab cycles inside,
 * Esc closes. Keys typed here never reach the window's shortcuts (the list, "/", g-chords).
 */
export function Modal({ title, testId, onClose, onKey, initialFocus, wide, children }: Props) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = (initialFocus && box.current?.querySelector<HTMLElement>(initialFocus)) || box.current?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => before?.focus();
    // Only on open: re-focusing on every render would fight the person's Tab.
  }, []);

  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.nativeEvent.isComposing) return; // IME: Enter/Esc belong to the composition
    e.stopPropagation();
    if (onKey?.(e)) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      const items = [...(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  };

  return (
    <div className="modal-backdrop">
      <div ref={box} className={wide ? 'modal wide' : 'modal'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId} onKeyDown={keyDown}>
        <header className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="btn icon" tabIndex={-1} aria-label={t('drawer.close')} title={t('drawer.close')} onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
