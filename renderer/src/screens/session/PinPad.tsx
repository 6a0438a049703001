import { useEffect, useRef, useState } from 'react';
import type { OperatorInfo } from '../../../../shared/domain/people.js';
import { useT } from '../../i18n/index.js';

const MIN = 4;
const MAX = 8;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

interface Props {
  operator: OperatorInfo;
  busy: boolean;
  /** Why the last attempt failed (wrong PIN…), already in words. */
  message: string | null;
  /** Bumped on each refused attempt: the digits are cleared and the dots shake. */
  refusals: number;
  /** Too many wrong PINs: main refuses until then (epoch ms). */
  lockedUntil: number | null;
  onSubmit: (pin: string) => void;
  onBack: () => void;
}

/** Keys typed into a field (the language menu) belong to it, not to the pad. */
function inField(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

/**
 * The PIN pad: on-screen digits for a touch screen and the keyboard's digits (top row or keypad), Backspace, Enter
 * and Esc for everyone else. Only dots are shown; the digits never reach the DOM.
 */
export function PinPad({ operator, busy, message, refusals, lockedUntil, onSubmit, onBack }: Props) {
  const t = useT();
  const [digits, setDigits] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const locked = lockedUntil !== null && lockedUntil > now;
  const disabled = busy || locked;

  useEffect(() => {
    setDigits('');
  }, [refusals]);

  // Ticks the countdown while locked; the last tick (past the lock) re-enables the pad and stops.
  useEffect(() => {
    if (lockedUntil === null) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= lockedUntil) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  // The window listener reads the latest state through a ref, so it is installed once.
  const latest = useRef({ digits, disabled, onSubmit, onBack });
  latest.current = { digits, disabled, onSubmit, onBack };

  const press = (key: string) => {
    const cur = latest.current;
    if (key === 'Escape') return cur.onBack();
    if (cur.disabled) return;
    setTooShort(false);
    if (key === 'Backspace') setDigits((d) => d.slice(0, -1));
    else if (/^\d$/.test(key)) setDigits((d) => (d.length < MAX ? d + key : d));
    else if (key === 'Enter') {
      if (cur.digits.length < MIN) setTooShort(true);
      else cur.onSubmit(cur.digits);
    }
  };
  const pressRef = useRef(press);
  pressRef.current = press;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.ctrlKey || e.metaKey || e.altKey || inField(e.target)) return;
      if (!/^\d$/.test(e.key) && !['Backspace', 'Enter', 'Escape'].includes(e.key)) return;
      // Also keeps Enter on a focused pad button from clicking it a second time.
      e.preventDefault();
      e.stopPropagation();
      pressRef.current(e.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const secs = lockedUntil ? Math.max(1, Math.ceil((lockedUntil - now) / 1000)) : 0;
  const shown = locked ? t('pin.locked', { s: secs }) : tooShort ? t('pin.tooShort') : message;
  const slots = Math.max(MIN, digits.length);

  return (
    <div className="pin-pad" data-testid="pin-pad" data-operator-id={operator.id} data-locked={locked}>
      <h2 className="pin-title">{t('pin.title', { name: operator.name })}</h2>
      <div
        key={refusals}
        className={refusals > 0 && digits === '' ? 'pin-dots shake' : 'pin-dots'}
        data-testid="pin-dots"
        data-length={digits.length}
        role="status"
        aria-label={t('pin.entered', { n: digits.length })}
      >
        {Array.from({ length: slots }, (_, i) => (
          <span key={i} className={i < digits.length ? 'pin-dot filled' : 'pin-dot'} aria-hidden="true" />
        ))}
      </div>
      <div className={locked ? 'pin-message locked' : 'pin-message'} role="alert" data-testid="pin-error" data-kind={locked ? 'locked' : shown ? 'error' : ''}>
        {shown}
      </div>
      <div className="pin-keys" role="group" aria-label={t('pin.pad')}>
        {KEYS.map((k) => (
          <button key={k} type="button" className="pin-key" data-testid={`pin-key-${k}`} disabled={disabled} onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="pin-key muted-key" data-testid="pin-key-back" disabled={disabled} aria-label={t('pin.backspace')} title={t('pin.backspace')} onClick={() => press('Backspace')}>
          ⌫
        </button>
        <button type="button" className="pin-key" data-testid="pin-key-0" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="pin-key ok-key" data-testid="pin-submit" disabled={disabled} aria-label={t('pin.submit')} title={t('pin.submit')} onClick={() => press('Enter')}>
          ✓
        </button>
      </div>
      <p className="muted small">{t('pin.hint')}</p>
      <button type="button" className="btn" data-testid="pin-back" onClick={onBack}>
        ← {t('pin.back')} <kbd>Esc</kbd>
      </button>
    </div>
  );
}
