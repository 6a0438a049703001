import { useEffect } from 'react';
import { useConnection } from '../api/connection.js';
import { translate, useLang } from '../i18n/index.js';
import { FirstRunScreen } from '../screens/session/FirstRunScreen.js';
import { SwitchScreen } from '../screens/session/SwitchScreen.js';
import { loadAppInfo } from '../state/app-info.js';
import { startChangeFeed } from '../state/changes.js';
import { activeOperator, startSessionFeed, useSession } from '../state/session.js';
import { Shell } from './Shell.js';
import { Starting } from './Starting.js';
import { Unauthorized } from './Unauthorized.js';

/**
 * What this window shows follows from two facts: may it talk to main at all (the token), and who is signed in at
 * this station (the session). The app proper appears only for a signed-in operator.
 */
export function App() {
  const lang = useLang((s) => s.lang);
  const conn = useConnection((s) => s.state);
  const reconnects = useConnection((s) => s.reconnects);
  const info = useSession((s) => s.info);
  const switching = useSession((s) => s.switching);
  useEffect(() => startSessionFeed(), []);
  useEffect(() => startChangeFeed(), []);
  useEffect(loadAppInfo, [reconnects]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.name');
  }, [lang]);

  if (conn === 'unauthorized') return <Unauthorized />;
  if (!info) return <Starting />;
  if (info.needsSetup) return <FirstRunScreen />;
  const operator = activeOperator(info);
  if (!operator || switching) return <SwitchScreen />;
  // Keyed by operator: a different person gets freshly mounted screens, fetched with their own permissions.
  return <Shell key={operator.id} />;
}
