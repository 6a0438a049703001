import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../../i18n/index.js';
import { filterOf, listQueryOf, useOrdersView } from '../../../state/orders-view.js';
import { useCan } from '../../../state/session.js';
import { useOrderCounts } from '../hooks.js';
import { ExportDialog } from './ExportDialog.js';

/** "Export" on the orders toolbar (data.export): this view or shipments, to CSV or XLSX. */
export function ExportButton() {
  const t = useT();
  const can = useCan('data.export');
  const [open, setOpen] = useState(false);
  if (!can) return null;
  return (
    <>
      <button type="button" className="btn" data-testid="export-open" title={t('ex.buttonHint')} onClick={() => setOpen(true)}>
        {t('ex.button')}
      </button>
      {open && <ExportViewDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** The dialog with the view as it is right now (a later change of tab does not change a running export). */
function ExportViewDialog({ onClose }: { onClose: () => void }) {
  const v = useOrdersView(useShallow((s) => ({ queue: s.queue, search: s.search, shopIds: s.shopIds, platforms: s.platforms, sort: s.sort })));
  const [view] = useState(() => listQueryOf(v));
  const filter = useMemo(() => filterOf(v), [v]);
  const counts = useOrderCounts(filter);
  const queue = view.queue ?? 'all';
  const n = counts.data ? (queue === 'all' ? counts.data.all : counts.data.byQueue[queue]) : null;
  return <ExportDialog view={view} viewCount={n} onClose={onClose} />;
}
