import { useT } from '../i18n/index.js';
import type { Screen } from '../state/nav.js';

type Planned = Exclude<Screen, 'orders' | 'settings' | 'imports'>;

/** An honest empty screen: says the feature is not built yet and what it will do. No sample data. */
export function Placeholder({ screen }: { screen: Planned }) {
  const t = useT();
  return (
    <section className="placeholder" data-testid={`placeholder-${screen}`}>
      <span className="chip neutral">{t('placeholder.title')}</span>
      <h2>{t(`nav.${screen}`)}</h2>
      <p>{t(`placeholder.${screen}`)}</p>
      <p className="muted">{t('placeholder.now')}</p>
    </section>
  );
}
