import { useEffect, useRef, useState, type DragEvent } from 'react';
import { fileSource } from '../../api/upload.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { cancelUpload, chooseFiles, pickWithDialog, useImports } from '../../state/imports.js';
import { fraction, mb } from './units.js';

/** What the seller's system calls these files; anything else is still sent (main says what it is). */
const ACCEPT = '.csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Step 1: the file. A button (focused, so Enter opens the system picker) and a drop zone around it. In the Electron
 * window main opens its own dialog instead and there is nothing to drop onto.
 */
export function FilePicker() {
  const t = useT();
  const input = useRef<HTMLInputElement | null>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const [over, setOver] = useState(false);
  const busy = useImports((s) => s.busy);
  const dialog = fileSource().kind === 'dialog';

  useEffect(() => button.current?.focus(), []);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (!dialog) chooseFiles(Array.from(e.dataTransfer.files));
  };

  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      data-testid="import-drop"
      onDragOver={(e) => {
        if (dialog) return;
        e.preventDefault(); // allows the drop
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <button
        ref={button}
        type="button"
        className="btn primary big"
        data-testid="import-pick"
        aria-disabled={busy}
        onClick={() => (dialog ? pickWithDialog() : input.current?.click())}
      >
        {t(dialog ? 'imports.pickDialog' : 'imports.pick')}
      </button>
      {!dialog && <p className="muted">{over ? t('imports.dropHere') : t('imports.drop')}</p>}
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={ACCEPT}
        data-testid="import-file-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = ''; // the same file picked again (a re-import) must fire change again
          chooseFiles(files);
        }}
      />
    </div>
  );
}

/** Step 1b: bytes going to main, then main reading the header; Cancel goes back to the picker. */
export function UploadProgress() {
  const t = useT();
  const fmt = useFormat();
  const files = useImports((s) => s.files);
  const cancel = useRef<HTMLButtonElement | null>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="import-card" data-testid="upload-progress">
      {files.map((f, i) => (
        // By position: the order reports of two shops may well share a file name.
        <div key={i} className="progress-block" data-testid="upload-file" data-phase={f.phase}>
          <div className="progress-line">
            <span>{t(f.phase === 'inspecting' || f.phase === 'done' ? 'imports.inspecting' : 'imports.uploading', { name: f.name })}</span>
            <span className="tabular muted">{t('imports.mbOf', { done: mb(fmt, f.loaded), total: mb(fmt, f.size) })}</span>
          </div>
          <progress max={1} value={fraction(f.loaded, f.size)} aria-label={f.name} />
        </div>
      ))}
      <div className="form-actions">
        <button ref={cancel} type="button" className="btn" data-testid="upload-cancel" onClick={cancelUpload}>
          {t('imports.cancel')}
        </button>
      </div>
    </div>
  );
}
