import { useEffect, useRef } from 'react';
import { ErrorBox } from '../../components/ErrorBox.js';
import { useT } from '../../i18n/index.js';
import { clearFailure, commit, startPreview, useImports } from '../../state/imports.js';
import { DonePanel } from './DonePanel.js';
import { FilePicker, UploadProgress } from './FilePicker.js';
import { PreviewPanel } from './PreviewPanel.js';
import { RunProgress } from './RunProgress.js';
import { SetupStep, useCanStart } from './SetupStep.js';
import { fileIsAtFault } from './units.js';
import './imports.css';

function Step() {
  const step = useImports((s) => s.step);
  switch (step) {
    case 'pick':
      return <FilePicker />;
    case 'uploading':
      return <UploadProgress />;
    case 'setup':
      return <SetupStep />;
    case 'running':
      return <RunProgress />;
    case 'preview':
    case 'committing':
      return <PreviewPanel />;
    case 'done':
      return <DonePanel />;
  }
}

/**
 * Import order files: pick → dry run → preview → commit. Keyboard: every step puts the focus on its likely next
 * action, and Ctrl+Enter starts the dry run (setup) or commits (preview) from anywhere on the screen.
 */
export function ImportScreen() {
  const t = useT();
  const step = useImports((s) => s.step);
  const failure = useImports((s) => s.failure);
  const notice = useImports((s) => s.notice);
  const can = useCanStart();

  // On the window, not the screen's element: after a step changes, the focus may be on the page body.
  const canStart = useRef(can.ok);
  canStart.current = can.ok;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.altKey || e.isComposing) return;
      const now = useImports.getState().step;
      if (now === 'setup' && canStart.current) {
        e.preventDefault();
        startPreview();
      } else if (now === 'preview') {
        e.preventDefault();
        commit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="import-screen" data-testid="import-screen" data-step={step}>
      <header className="import-head">
        <h1>{t('imports.title')}</h1>
        <p className="muted">{t('imports.hint')}</p>
      </header>
      {notice === 'cancelled' && step === 'pick' && (
        <p className="notice" role="status" data-testid="import-cancelled">
          {t('imports.cancelled')}
        </p>
      )}
      {failure && (
        <div data-testid="import-failure">
          <ErrorBox
            title={t(failure.title)}
            error={failure.error}
            headline={fileIsAtFault(failure.error.code) ? t('imports.failedHeadline') : null}
            onRetry={step === 'pick' ? undefined : clearFailure}
          />
        </div>
      )}
      <Step />
    </div>
  );
}
