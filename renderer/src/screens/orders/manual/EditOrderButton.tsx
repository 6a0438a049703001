import { useState } from 'react';
import { EDITABLE_WORKFLOWS } from '../../../../../shared/contract/manual-orders.js';
import type { OrderDetail } from '../../../../../shared/domain/order.js';
import { useT } from '../../../i18n/index.js';
import { useCan } from '../../../state/session.js';
import { ManualOrderDialog } from './ManualOrderDialog.js';

/**
 * The drawer's "Edit order" for a manual order: offered until it is printed, then a line saying why not (main refuses
 * a late edit anyway). Orders from a platform are changed on the platform, so nothing is shown for them.
 */
export function EditOrderButton({ order }: { order: OrderDetail }) {
  const t = useT();
  const can = useCan('orders.edit');
  const [open, setOpen] = useState(false);
  if (order.platform !== 'manual' || !can) return null;
  if (!EDITABLE_WORKFLOWS.includes(order.workflow)) {
    return (
      <p className="muted small" data-testid="mo-edit-locked">
        {t('mo.editLocked')}
      </p>
    );
  }
  return (
    <>
      <button type="button" className="btn" data-testid="edit-order" onClick={() => setOpen(true)}>
        {t('mo.edit')}
      </button>
      {open && <ManualOrderDialog mode={{ kind: 'edit', order }} onClose={() => setOpen(false)} onSaved={() => setOpen(false)} />}
    </>
  );
}
