import { useEffect, useState } from 'react';
import type { Output } from '../../../../../shared/contract/index.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';
import { ErrorBox } from '../../../components/ErrorBox.js';
import { useFormat } from '../../../i18n/format.js';
import { useT } from '../../../i18n/index.js';

type MappingError = Output<'sync.errors'>[number];

/** Orders one shop's platform sent that could not be read; main's message names shop, platform, order and field. */
export function MappingErrors({ shopId, count }: { shopId: number; count: number }) {
  const t = useT();
  const fmt = useFormat();
  const [rows, setRows] = useState<MappingError[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    api.invoke('sync.errors', { shopId, limit: 100 }).then(
      (r) => live && setRows(r),
      (e: unknown) => live && setError(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [shopId, count]);

  if (error) return <ErrorBox compact title={t('sync.errorsLoadError')} error={error} />;
  if (!rows) return <p className="muted">{t('common.loading')}</p>;
  return (
    <ul className="mapping-errors" data-testid="mapping-errors">
      {rows.map((r) => (
        <li key={r.id} data-testid="mapping-error">
          <span className="tabular muted">{fmt.shortDateTime(r.at)}</span> {r.message}
        </li>
      ))}
    </ul>
  );
}
