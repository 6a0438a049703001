import { useEffect, useRef } from 'react';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { cancelJob, useImports } from '../../state/imports.js';
import { fraction, mb } from './units.js';

/** Step 3: the dry run reading the file, from main's progress events: phase, rows read, MB of MB, a bar, Cancel. */
export function RunProgress() {
  const t = useT();
  const fmt = useFormat();
  const p = useImports((s) => s.progress);
  const files = useImports((s) => s.inspects);
  const busy = useImports((s) => s.busy);
  const cancel = useRef<HTMLButtonElement | null>(null);
  // Focus on Cancel: Enter or Space stops a dry run started on the wrong file.
  useEffect(() => cancel.current?.focus(), []);
  const total = p?.totalBytes || files.reduce((n, f) => n + f.bytes, 0);
  const done = p?.bytes ?? 0;
  const phase = p?.phase ?? 'reading';

  return (
    <section className="import-card" data-testid="run-progress" data-phase={phase} data-rows={p?.rows ?? 0} aria-busy="true">
      <h2>{t('imports.progressTitle')}</h2>
      <p className="muted">{files.map((f) => f.name).join(' + ')}</p>
      <div className="progress-line" role="status">
        <strong data-testid="run-phase">{t(`importPhase.${phase}`)}</strong>
        <span className="tabular" data-testid="run-rows">
          {t('imports.rowsRead', { n: fmt.number(p?.rows ?? 0) })}
        </span>
        <span className="tabular muted" data-testid="run-bytes">
          {t('imports.mbOf', { done: mb(fmt, done), total: mb(fmt, total) })}
        </span>
      </div>
      <progress max={1} value={fraction(done, total)} data-testid="run-bar" aria-label={t('imports.progressTitle')} />
      <div className="form-actions">
        <button ref={cancel} type="button" className="btn" data-testid="import-cancel" aria-disabled={busy} onClick={cancelJob}>
          {t('imports.cancel')}
        </button>
      </div>
    </section>
  );
}
