import { useEffect, useRef, useState } from 'react';
import type { InspectResult } from '../../../../shared/contract/imports.js';
import type { Platform } from '../../../../shared/domain/ids.js';
import { useT } from '../../i18n/index.js';
import { isGeneric, resetImport, startPreview, useImports } from '../../state/imports.js';
import { useShops } from '../orders/hooks.js';
import { FileTable, type FileRow } from './FileTable.js';
import { MappingEditor, useMappingCheck } from './MappingEditor.js';
import { ShopSelect } from './ShopSelect.js';

/** The platform the files are from, or why they cannot go together (a generic file with another, two platforms). */
export function setupProblem(inspects: readonly InspectResult[]): { platform: Platform | null; problem: 'genericAlone' | 'mixed' | null; name?: string } {
  if (isGeneric(inspects)) return { platform: null, problem: null };
  const unknown = inspects.find((i) => i.format === null);
  if (unknown) return { platform: null, problem: 'genericAlone', name: unknown.name };
  const platforms = [...new Set(inspects.map((i) => i.platform))];
  if (platforms.length > 1) return { platform: null, problem: 'mixed' };
  return { platform: platforms[0] ?? null, problem: null };
}

function rowsOf(inspects: readonly InspectResult[]): FileRow[] {
  return inspects.map((i) => ({
    uploadId: i.uploadId,
    name: i.name,
    bytes: i.bytes,
    encoding: i.encoding,
    format: i.format,
    headerRow: i.headerRow,
    columns: i.headers.length,
    missing: i.missing,
  }));
}

/** Whether the dry run may start: a shop, files that go together, a complete mapping when there is one. */
export function useCanStart(): { ok: boolean; reason: 'shop' | 'mapping' | 'files' | null } {
  const inspects = useImports((s) => s.inspects);
  const shopId = useImports((s) => s.shopId);
  const check = useMappingCheck(isGeneric(inspects) ? inspects[0] : undefined);
  if (setupProblem(inspects).problem) return { ok: false, reason: 'files' };
  if (check && check.blocking > 0) return { ok: false, reason: 'mapping' };
  if (shopId === null) return { ok: false, reason: 'shop' };
  return { ok: true, reason: null };
}

/** Step 2: what main found in the files, the shop, the column mapping for an own layout, and Start dry run. */
export function SetupStep() {
  const t = useT();
  const inspects = useImports((s) => s.inspects);
  const shopId = useImports((s) => s.shopId);
  const busy = useImports((s) => s.busy);
  const shops = useShops();
  const [tried, setTried] = useState(false);
  const { platform, problem, name } = setupProblem(inspects);
  const generic = isGeneric(inspects);
  const can = useCanStart();
  const shopCurrency = shops.data?.find((s) => s.id === shopId)?.currency ?? null;

  // Keyboard: once the shop is known, a platform file needs nothing more than Start; a mapping starts at its top.
  const startRef = useRef<HTMLButtonElement | null>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || problem) return;
    if (generic) document.getElementById('import-shop')?.focus();
    else if (shopId !== null) startRef.current?.focus();
    else return;
    focused.current = true;
  }, [generic, shopId, problem]);

  const start = () => {
    setTried(true);
    if (can.ok) startPreview();
  };

  return (
    <div className="import-setup" data-testid="import-setup" data-generic={generic}>
      <section className="import-card">
        <h2>{t('imports.filesTitle')}</h2>
        <FileTable files={rowsOf(inspects)} />
        {problem && (
          <p className="notice" role="alert" data-testid="import-files-problem">
            {problem === 'mixed' ? t('imports.mixedPlatforms') : t('imports.genericAlone', { name: name ?? '' })}
          </p>
        )}
      </section>
      {!problem && (
        <section className="import-card">
          <ShopSelect platform={platform} error={tried && shopId === null ? t('imports.shopRequired') : null} />
        </section>
      )}
      {generic && inspects[0] && <MappingEditor inspect={inspects[0]} shopCurrency={shopCurrency} />}
      <div className="form-actions import-actions">
        {!problem && (
          <button ref={startRef} type="button" className="btn primary big" data-testid="import-start" aria-disabled={busy || (tried && !can.ok)} onClick={start}>
            {t('imports.start')}
            <kbd>Ctrl+Enter</kbd>
          </button>
        )}
        <button type="button" className="btn" data-testid="import-other" onClick={resetImport}>
          {t('imports.other')}
        </button>
        {tried && can.reason === 'mapping' && <span className="error-text">{t('imports.fixMapping')}</span>}
      </div>
      {!problem && <p className="muted small">{t('imports.startHint')}</p>}
    </div>
  );
}
