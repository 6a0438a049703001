import { useEffect, useState } from 'react';
import type { OrderDetail } from '../../../../../shared/domain/order.js';
import { useT } from '../../../i18n/index.js';
import { useOrdersView } from '../../../state/orders-view.js';
import { useCan } from '../../../state/session.js';
import { ManualOrderDialog } from './ManualOrderDialog.js';

/** True while a text control holds the focus: a typed "n" belongs to it. */
function typingIn(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(el.type);
}

/** Opens a saved order in the drawer, where the person sees it took. */
export function showSaved(o: OrderDetail): void {
  useOrdersView.getState().open(o.id);
}

/** "New order" on the orders toolbar, and its shortcut N (when nothing is being typed and no dialog is open). */
export function NewOrderButton() {
  const t = useT();
  const can = useCan('orders.edit');
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!can) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.ctrlKey || e.metaKey || e.altKey || (e.key !== 'n' && e.key !== 'N')) return;
      if (typingIn(document.activeElement) || document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [can]);

  if (!can) return null;
  return (
    <>
      <button type="button" className="btn primary" data-testid="new-order" title={t('mo.newHint')} onClick={() => setOpen(true)}>
        + {t('mo.new')} <kbd>N</kbd>
      </button>
      {open && (
        <ManualOrderDialog
          mode={{ kind: 'create' }}
          onClose={() => setOpen(false)}
          onSaved={(o) => {
            setOpen(false);
            showSaved(o);
          }}
        />
      )}
    </>
  );
}
