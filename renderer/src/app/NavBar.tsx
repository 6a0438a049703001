import { NavIcon } from '../components/icons.js';
import { useT } from '../i18n/index.js';
import { allowed, SCREEN_KEYS, SCREEN_PERMISSION, SCREENS, useNav, useScreen } from '../state/nav.js';
import { useSession } from '../state/session.js';

/**
 * Every screen keeps its place (and its Ctrl+number) whoever is signed in; the ones this operator may not use are
 * shown disabled, with the permission they need in the tooltip (aria-disabled: a disabled button shows no tooltip,
 * and go() refuses them anyway).
 */
export function NavBar() {
  const t = useT();
  const screen = useScreen();
  const go = useNav((s) => s.go);
  const permissions = useSession((s) => s.info?.permissions);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="brand">
        <img src="./favicon.svg" alt="" width="22" height="22" />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <ul>
        {SCREENS.map((s, i) => {
          const needs = SCREEN_PERMISSION[s];
          const may = allowed(needs, permissions ?? []);
          const shortcut = t('nav.shortcut', { key: SCREEN_KEYS[s].toUpperCase(), n: i + 1 });
          return (
            <li key={s}>
              <button
                type="button"
                className={s === screen ? 'nav-item active' : 'nav-item'}
                data-testid={`nav-${s}`}
                aria-current={s === screen ? 'page' : undefined}
                aria-disabled={!may}
                title={may || !needs ? shortcut : t('nav.needs', { perm: t(`perm.${needs}`) })}
                onClick={() => go(s)}
              >
                <NavIcon screen={s} />
                <span className="nav-label">{t(`nav.${s}`)}</span>
                <kbd className="nav-key" aria-hidden="true">
                  {i + 1}
                </kbd>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
