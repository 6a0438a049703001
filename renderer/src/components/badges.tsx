import type { Platform } from '../../../shared/domain/ids.js';
import { FLAG_BIT, FLAG_KINDS, type Queue } from '../../../shared/domain/status.js';
import { useT } from '../i18n/index.js';

export function PlatformBadge({ platform }: { platform: Platform }) {
  const t = useT();
  return (
    <span className={`platform-badge pf-${platform}`} title={t(`platform.${platform}`)}>
      {t(`platformShort.${platform}`)}
    </span>
  );
}

export function QueueChip({ queue }: { queue: Queue }) {
  const t = useT();
  return <span className={`chip q-${queue}`}>{t(`queue.${queue}`)}</span>;
}

/** Small markers for the open flags on a row (bitmask from main, see FLAG_BIT). */
export function FlagMarkers({ openFlags }: { openFlags: number }) {
  const t = useT();
  const kinds = FLAG_KINDS.filter((k) => openFlags & FLAG_BIT[k]);
  if (!kinds.length) return null;
  return (
    <span className="flag-markers">
      {kinds.map((k) => (
        <span key={k} className={`flag-marker fk-${k}`} data-flag={k} title={t(`flagKind.${k}`)}>
          {t(`flagKind.${k}`)}
        </span>
      ))}
    </span>
  );
}
