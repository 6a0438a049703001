import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../components/ErrorBox.js';
import { describedBy, Field } from '../../components/Field.js';
import { useT } from '../../i18n/index.js';
import { Modal } from '../orders/manual/Modal.js';
import { useReviewView } from './review-view.js';

interface Props {
  count: number;
  onSubmit: (note: string) => void;
  onClose: () => void;
}

/** r: the order will not be shipped from here. Saying why is required: the next person reads it in the history. */
export function RejectDialog({ count, onSubmit, onClose }: Props) {
  const t = useT();
  const busy = useReviewView((s) => s.busy);
  const error = useReviewView((s) => s.last?.error ?? null);
  const [note, setNote] = useState(() => useReviewView.getState().note);
  const [tried, setTried] = useState(false);
  const missing = tried && note.trim() === '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (note.trim() === '' || busy) return;
    onSubmit(note.trim());
  };

  return (
    <Modal title={t('reject.title', { n: count })} testId="reject-dialog" onClose={onClose} initialFocus="#reject-note">
      <form onSubmit={submit} noValidate className="decision-form">
        <p className="muted">{t('reject.hint')}</p>
        <Field id="reject-note" label={t('reject.note')} error={missing ? t('reject.noteRequired') : null}>
          <input
            id="reject-note"
            data-testid="reject-note"
            className="input"
            maxLength={500}
            value={note}
            aria-invalid={missing}
            aria-describedby={describedBy('reject-note')}
            onChange={(e) => setNote(e.target.value)}
          />
        </Field>
        {error && <ErrorBox compact title={t('decide.error')} error={error} />}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('decide.cancel')}
          </button>
          <button type="submit" className="btn danger" data-testid="reject-submit" aria-disabled={busy}>
            {busy ? t('decide.busy') : t('reject.submit', { n: count })}
          </button>
        </div>
      </form>
    </Modal>
  );
}
