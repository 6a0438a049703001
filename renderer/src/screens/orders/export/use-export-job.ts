import { useEffect, useRef, useState } from 'react';
import type { ExportJob, ExportRequest } from '../../../../../shared/contract/exports.js';
import { api } from '../../../api/client.js';
import { asApiError, type ApiError } from '../../../api/errors.js';

/**
 * One export as the dialog follows it: started by `start`, moved along by `exports.progress` events, re-read when it
 * ends (for the download path or the error). Stopped when the dialog goes away while it runs.
 */
export function useExportJob() {
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [starting, setStarting] = useState(false);
  const current = useRef<ExportJob | null>(null);
  current.current = job;

  useEffect(() => {
    const off = api.subscribe('exports.progress', (p) => {
      const j = current.current;
      if (!j || p.id !== j.id) return;
      setJob({ ...j, state: p.state, rows: p.rows, total: p.total });
      if (p.state !== 'running') {
        api.invoke('exports.get', { id: p.id }).then(setJob, (e: unknown) => setError(asApiError(e)));
      }
    });
    return () => {
      off();
      const j = current.current;
      if (j?.state === 'running') void api.invoke('exports.cancel', { id: j.id }).catch(() => undefined);
    };
  }, []);

  const start = (req: ExportRequest) => {
    setStarting(true);
    setError(null);
    api.invoke('exports.start', req).then(
      (j) => {
        setStarting(false);
        setJob(j);
        // The export may have ended before this answer arrived (a small view): its events are then already gone.
        api.invoke('exports.get', { id: j.id }).then((now) => setJob((cur) => (cur && cur.id === now.id && cur.state === 'running' ? now : cur)), () => undefined);
      },
      (e: unknown) => {
        setStarting(false);
        setError(asApiError(e));
      },
    );
  };

  const cancel = () => {
    if (job?.state === 'running') api.invoke('exports.cancel', { id: job.id }).catch((e: unknown) => setError(asApiError(e)));
  };

  return { job, error, starting, start, cancel, reset: () => setJob(null) };
}
