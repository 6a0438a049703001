import { useEffect, useState, type FormEvent } from 'react';
import type { ImportPreset } from '../../../../shared/contract/imports.js';
import { api } from '../../api/client.js';
import { asApiError, type ApiError } from '../../api/errors.js';
import { useAction } from '../../api/use-action.js';
import { ErrorBox } from '../../components/ErrorBox.js';
import { describedBy, Field } from '../../components/Field.js';
import { useT } from '../../i18n/index.js';
import { mappingInput, setMapping, useImports } from '../../state/imports.js';

/**
 * Saved mappings: load one (its headers are checked against this file like any other choice), save the current one
 * under a name (the same name replaces that preset, and the button says so), delete one after a confirmation.
 */
export function PresetBar() {
  const t = useT();
  const [presets, setPresets] = useState<ImportPreset[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [nameErr, setNameErr] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const save = useAction();
  const remove = useAction();

  const reload = () => {
    setLoadError(null);
    api.invoke('imports.presets.list', {}).then(setPresets, (e: unknown) => setLoadError(asApiError(e)));
  };
  useEffect(reload, []);

  const current = presets?.find((p) => p.id === chosen) ?? null;
  const sameName = presets?.find((p) => p.name === name.trim()) ?? null;

  const load = () => {
    if (!current) return;
    setMapping({ columns: { ...current.mapping.columns }, currency: current.mapping.currency ?? null, utcOffsetMinutes: current.mapping.utcOffsetMinutes ?? 480 });
    setName(current.name);
    setNote(t('imports.presetLoaded', { name: current.name }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.busy) return;
    const n = name.trim();
    if (!n) return setNameErr(t('imports.presetNameRequired'));
    setNameErr(null);
    const mapping = mappingInput(useImports.getState().mapping);
    save.run(
      () => api.invoke('imports.presets.save', { ...(sameName ? { id: sameName.id } : {}), name: n, mapping }),
      (saved) => {
        setPresets((list) => [...(list ?? []).filter((p) => p.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)));
        setChosen(saved.id);
        setNote(t('imports.presetSaved', { name: saved.name }));
      },
    );
  };

  const doRemove = () => {
    if (!current || remove.busy) return;
    const gone = current;
    remove.run(
      () => api.invoke('imports.presets.remove', { id: gone.id }),
      () => {
        setPresets((list) => (list ?? []).filter((p) => p.id !== gone.id));
        setChosen(null);
        setAsking(false);
        setNote(t('imports.presetRemoved', { name: gone.name }));
      },
    );
  };

  return (
    <div className="preset-bar" data-testid="preset-bar">
      <h3>{t('imports.presets')}</h3>
      {loadError && <ErrorBox compact title={t('imports.presetsError')} error={loadError} onRetry={reload} />}
      <div className="form-row">
        <Field id="preset-select" label={t('imports.presetChoose')}>
          <select
            id="preset-select"
            data-testid="preset-select"
            value={chosen ?? ''}
            disabled={!presets?.length}
            onChange={(e) => {
              setChosen(e.target.value ? Number(e.target.value) : null);
              setAsking(false);
            }}
          >
            <option value="">{presets?.length ? '—' : t('imports.presetNone')}</option>
            {presets?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" className="btn" data-testid="preset-load" disabled={!current} onClick={load}>
          {t('imports.presetLoad')}
        </button>
        {asking && current ? (
          <span className="confirm form-row-confirm" data-testid="preset-delete-confirm">
            {t('imports.presetDeleteAsk', { name: current.name })}
            <button type="button" className="btn danger" data-testid="preset-delete-yes" aria-disabled={remove.busy} onClick={doRemove}>
              {t('imports.presetDeleteYes')}
            </button>
            <button type="button" className="btn" data-testid="preset-delete-no" onClick={() => setAsking(false)}>
              {t('imports.presetDeleteNo')}
            </button>
          </span>
        ) : (
          <button type="button" className="btn danger-outline" data-testid="preset-delete" disabled={!current} onClick={() => setAsking(true)}>
            {t('imports.presetDelete')}
          </button>
        )}
      </div>
      <form className="form-row" onSubmit={submit} noValidate>
        <Field id="preset-name" label={t('imports.presetName')} hint={t('imports.presetNameHint')} error={nameErr}>
          <input
            id="preset-name"
            data-testid="preset-name"
            className="input"
            value={name}
            maxLength={60}
            autoComplete="off"
            aria-invalid={nameErr !== null}
            aria-describedby={describedBy('preset-name')}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <button type="submit" className="btn" data-testid="preset-save" aria-disabled={save.busy}>
          {sameName ? t('imports.presetReplace', { name: sameName.name }) : t('imports.presetSave')}
        </button>
      </form>
      <p className="saved-note" role="status" data-testid="preset-note">
        {note}
      </p>
      {save.error && <ErrorBox compact title={t('imports.presetSaveError')} error={save.error} />}
      {remove.error && <ErrorBox compact title={t('imports.presetRemoveError')} error={remove.error} />}
    </div>
  );
}
