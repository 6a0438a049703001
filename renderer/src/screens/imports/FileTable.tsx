import type { ImportEncoding, ImportFormat } from '../../../../shared/contract/imports.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { size } from './units.js';

export interface FileRow {
  uploadId: string;
  name: string;
  bytes: number;
  encoding: ImportEncoding;
  /** null: no platform layout matched (the generic mapping). */
  format: ImportFormat | null;
  /** Inspect: where the header is and how many columns. */
  headerRow?: number;
  columns?: number;
  /** Inspect: the required columns of the closest platform layout that the file lacks. */
  missing?: readonly string[];
  /** Preview: data rows read. */
  rows?: number;
}

/** The files of this import, with the format and encoding main detected (file names are text, never markup). */
export function FileTable({ files }: { files: readonly FileRow[] }) {
  const t = useT();
  const fmt = useFormat();
  const withRows = files.some((f) => f.rows !== undefined);
  return (
    <table className="data-table import-files" data-testid="import-files">
      <thead>
        <tr>
          <th>{t('imports.col.file')}</th>
          <th>{t('imports.col.format')}</th>
          <th>{t('imports.col.encoding')}</th>
          <th className="num">{t('imports.col.size')}</th>
          {withRows && <th className="num">{t('imports.col.rows')}</th>}
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.uploadId} data-testid="import-file-row" data-name={f.name} data-format={f.format ?? ''} data-encoding={f.encoding}>
            <td>
              <div className="file-name">{f.name}</div>
              {f.headerRow !== undefined && f.columns !== undefined && <div className="muted small">{t('imports.headerAt', { row: f.headerRow, n: f.columns })}</div>}
            </td>
            <td>
              {f.format ? (
                <span data-testid="import-format">{t(`importFormat.${f.format}`)}</span>
              ) : (
                <span className="warn-text" data-testid="import-format">
                  {f.missing?.length ? t('imports.closest', { columns: f.missing.join(', ') }) : t('imports.notRecognized')}
                </span>
              )}
            </td>
            <td data-testid="import-encoding">{t(`importEncoding.${f.encoding}`)}</td>
            <td className="num tabular">{size(fmt, f.bytes)}</td>
            {withRows && <td className="num tabular">{f.rows === undefined ? '' : fmt.number(f.rows)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
