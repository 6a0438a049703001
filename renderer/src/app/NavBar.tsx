import { NavIcon } from '../components/icons.js';
import { useT } from '../i18n/index.js';
import { SCREENS, SCREEN_KEYS, useNav } from '../state/nav.js';

export function NavBar() {
  const t = useT();
  const screen = useNav((s) => s.screen);
  const go = useNav((s) => s.go);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="brand">
        <img src="./favicon.svg" alt="" width="22" height="22" />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <ul>
        {SCREENS.map((s, i) => (
          <li key={s}>
            <button
              type="button"
              className={s === screen ? 'nav-item active' : 'nav-item'}
              data-testid={`nav-${s}`}
              aria-current={s === screen ? 'page' : undefined}
              title={t('nav.shortcut', { key: SCREEN_KEYS[s].toUpperCase(), n: i + 1 })}
              onClick={() => go(s)}
            >
              <NavIcon screen={s} />
              <span className="nav-label">{t(`nav.${s}`)}</span>
              <kbd className="nav-key" aria-hidden="true">
                {i + 1}
              </kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
