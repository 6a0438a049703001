import { useState, type FormEvent } from 'react';
import { HOLD_REASONS, type HoldReason } from '../../../../shared/domain/audit.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { describedBy, Field } from '../../components/Field.js';
import { useT } from '../../i18n/index.js';
import { Modal } from '../orders/manual/Modal.js';
import { MAX_HOLD_HOURS, releaseAtFrom, toLocalInput, type ReleaseMode } from './hold-release.js';
import { useReviewView } from './review-view.js';

interface Props {
  count: number;
  onSubmit: (hold: { reason: HoldReason; releaseAt?: number }, note: string) => void;
  onClose: () => void;
}

const DAY_MS = 86_400_000;

/**
 * h: park the order(s) with a reason, and say when they come back by themselves (after N hours, at a time) or only
 * by hand. Enter in a field submits; Esc closes. The note is the screen's note field, carried in.
 */
export function HoldDialog({ count, onSubmit, onClose }: Props) {
  const t = useT();
  const busy = useReviewView((s) => s.busy);
  const error = useReviewView((s) => s.last?.error ?? null);
  const [reason, setReason] = useState<HoldReason>('manual_hold');
  const [mode, setMode] = useState<ReleaseMode>('after');
  const [hours, setHours] = useState('24');
  const [at, setAt] = useState(() => toLocalInput(Date.now() + DAY_MS));
  const [note, setNote] = useState(() => useReviewView.getState().note);
  const [tried, setTried] = useState(false);

  const release = releaseAtFrom(mode, hours, at, Date.now());
  const problem = tried && !release.ok ? t(`hold.problem.${release.problem}`, { max: MAX_HOLD_HOURS }) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const r = releaseAtFrom(mode, hours, at, Date.now());
    if (!r.ok || busy) return;
    onSubmit({ reason, ...(r.releaseAt !== undefined ? { releaseAt: r.releaseAt } : {}) }, note);
  };

  return (
    <Modal title={t('hold.title', { n: count })} testId="hold-dialog" onClose={onClose} initialFocus="#hold-reason">
      <form onSubmit={submit} noValidate className="decision-form">
        <Field id="hold-reason" label={t('hold.reason')}>
          <select id="hold-reason" data-testid="hold-reason" className="input" value={reason} onChange={(e) => setReason(e.target.value as HoldReason)}>
            {HOLD_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`flagReason.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>{t('hold.release')}</legend>
          <label className="check">
            <input type="radio" name="hold-mode" data-testid="hold-mode-after" checked={mode === 'after'} onChange={() => setMode('after')} />
            {t('hold.after')}
            <input
              className="input hold-hours"
              data-testid="hold-hours"
              aria-label={t('hold.hours')}
              inputMode="numeric"
              value={hours}
              disabled={mode !== 'after'}
              aria-invalid={mode === 'after' && problem !== null}
              aria-describedby={describedBy('hold-release')}
              onChange={(e) => setHours(e.target.value)}
            />
            {t('hold.hoursUnit')}
          </label>
          <label className="check">
            <input type="radio" name="hold-mode" data-testid="hold-mode-at" checked={mode === 'at'} onChange={() => setMode('at')} />
            {t('hold.at')}
            <input
              type="datetime-local"
              className="input"
              data-testid="hold-at"
              aria-label={t('hold.atLabel')}
              value={at}
              disabled={mode !== 'at'}
              aria-invalid={mode === 'at' && problem !== null}
              aria-describedby={describedBy('hold-release')}
              onChange={(e) => setAt(e.target.value)}
            />
          </label>
          <label className="check">
            <input type="radio" name="hold-mode" data-testid="hold-mode-manual" checked={mode === 'manual'} onChange={() => setMode('manual')} />
            {t('hold.manual')}
          </label>
          <div className={problem ? 'field-error' : 'field-hint muted'} id={describedBy('hold-release')} role={problem ? 'alert' : undefined} data-testid="hold-release-msg">
            {problem ?? t('hold.releaseHint')}
          </div>
        </fieldset>
        <Field id="hold-note" label={t('decide.note')}>
          <input id="hold-note" data-testid="hold-note" className="input" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        {error && <ErrorBox compact title={t('decide.error')} error={error} />}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('decide.cancel')}
          </button>
          <button type="submit" className="btn primary" data-testid="hold-submit" aria-disabled={busy}>
            {busy ? t('decide.busy') : t('hold.submit', { n: count })}
          </button>
        </div>
      </form>
    </Modal>
  );
}
