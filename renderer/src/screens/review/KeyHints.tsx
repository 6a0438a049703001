import { useT } from '../../i18n/index.js';
import { KEY_HINTS } from './keys.js';
import type { ReviewQueue } from './review-view.js';

/** The review keys, always on screen: the reviewer learns them by looking down, not by reading a manual. */
export function KeyHints({ queue }: { queue: ReviewQueue }) {
  const t = useT();
  return (
    <footer className="key-hints" data-testid="key-hints" aria-label={t('review.keys')}>
      {KEY_HINTS.filter((h) => h.action !== 'release' || queue === 'on_hold').map((h) => (
        <span key={h.action} className="key-hint">
          {h.keys.map((k) => (
            <kbd key={k}>{k}</kbd>
          ))}
          <span>{t(`review.key.${h.action}`)}</span>
        </span>
      ))}
    </footer>
  );
}
