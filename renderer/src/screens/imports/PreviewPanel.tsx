import { useEffect, useRef } from 'react';
import type { ImportCounts, ImportResult } from '../../../../shared/contract/imports.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { cancelJob, commit, resetImport, useImports } from '../../state/imports.js';
import { FileTable } from './FileTable.js';
import { RowErrorTable } from './RowErrorTable.js';
import { SampleTable } from './SampleTable.js';
import { failureError, fileIsAtFault } from './units.js';

const COUNTS = ['new', 'updated', 'unchanged', 'invalid'] as const satisfies readonly (keyof ImportCounts)[];

export function CountCards({ counts }: { counts: ImportCounts }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="count-cards">
      {COUNTS.map((k) => (
        <div key={k} className={`count-card count-${k}${counts[k] ? '' : ' zero'}`} data-testid={`count-${k}`} data-count={counts[k]}>
          <div className="count-value tabular">{fmt.number(counts[k])}</div>
          <div className="count-label">{t(`imports.count.${k}`)}</div>
          <div className="muted small">{t(`imports.countHint.${k}`)}</div>
        </div>
      ))}
    </div>
  );
}

/** A job that failed as a whole (unreadable file, missing columns…): main's words, and the way back. */
function Failed({ result }: { result: ImportResult }) {
  const t = useT();
  const failure = result.failure ?? { code: 'internal', message: '' };
  return (
    <section className="import-card" data-testid="import-failed" data-code={failure.code}>
      <ErrorBox title={t('imports.failedTitle')} error={failureError(failure)} headline={fileIsAtFault(failure.code) ? t('imports.failedHeadline') : null} />
      <div className="form-actions">
        <button type="button" className="btn primary" data-testid="import-other" onClick={resetImport} autoFocus>
          {t('imports.other')}
        </button>
      </div>
    </section>
  );
}

/**
 * Step 4: the dry run's answer — per file the format and encoding main read it with, the counts, the row-level
 * problems and a sample of the orders — then Commit (only when something would be stored) or Discard.
 */
export function PreviewPanel() {
  const t = useT();
  const fmt = useFormat();
  const result = useImports((s) => s.result);
  const step = useImports((s) => s.step);
  const busy = useImports((s) => s.busy);
  const commitRef = useRef<HTMLButtonElement | null>(null);
  const discardRef = useRef<HTMLButtonElement | null>(null);
  const toStore = result ? result.counts.new + result.counts.updated : 0;

  // The next key most often pressed is Commit; with nothing to store, Discard.
  useEffect(() => {
    (toStore > 0 ? commitRef.current : discardRef.current)?.focus();
  }, [toStore, result?.jobId]);

  if (!result) return null;
  if (result.state === 'failed') return <Failed result={result} />;
  const committing = step === 'committing';

  return (
    <div className="import-preview" data-testid="import-preview" data-job={result.jobId}>
      <section className="import-card">
        <h2>{t('imports.previewTitle')}</h2>
        <FileTable files={result.files.map((f) => ({ ...f }))} />
        <p className="muted small" data-testid="import-rows" data-rows={result.rows}>
          {t('imports.rowsTotal', { n: fmt.number(result.rows) })}
        </p>
        <CountCards counts={result.counts} />
      </section>
      <section className="import-card" data-testid="import-errors-card">
        <h2>{t('imports.errorsTitle')}</h2>
        {result.errors.length ? <RowErrorTable errors={result.errors} total={result.errorsTotal} /> : <p className="ok-text">{t('imports.noErrors')}</p>}
      </section>
      <section className="import-card">
        <h2>{t('imports.sampleTitle')}</h2>
        <SampleTable sample={result.sample} />
      </section>
      <div className="form-actions import-actions">
        <button
          ref={commitRef}
          type="button"
          className="btn primary big"
          data-testid="import-commit"
          disabled={toStore === 0}
          aria-disabled={busy}
          onClick={commit}
        >
          {committing ? t('imports.committing') : toStore ? t('imports.commit', { n: fmt.number(toStore) }) : t('imports.commitNothing')}
          {toStore > 0 && !committing && <kbd>Ctrl+Enter</kbd>}
        </button>
        <button ref={discardRef} type="button" className="btn" data-testid="import-discard" aria-disabled={busy} onClick={cancelJob}>
          {t('imports.discard')}
        </button>
      </div>
      <p className="muted small">{t('imports.commitHint')}</p>
    </div>
  );
}
