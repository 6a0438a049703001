import type { Screen } from '../state/nav.js';

/** Line icons for the navigation, drawn as SVG paths (no icon font: the app is offline and CSP-strict). */
const PATHS: Record<Screen, string[]> = {
  orders: ['M4 5h16v14H4z', 'M4 9h16', 'M8 13h8', 'M8 16h5'],
  review: ['M9 11l2 2 4-4', 'M12 3l8 3v5c0 5-3.5 8-8 10-4.5-2-8-5-8-10V6z'],
  pack: ['M3 7l9-4 9 4-9 4z', 'M3 7v10l9 4 9-4V7', 'M12 11v10'],
  aftersales: ['M4 9h11a5 5 0 010 10H9', 'M8 5L4 9l4 4'],
  finance: ['M4 20V10', 'M10 20V4', 'M16 20v-7', 'M22 20H2'],
  imports: ['M12 3v12', 'M7 10l5 5 5-5', 'M4 17v4h16v-4'],
  settings: ['M12 15a3 3 0 100-6 3 3 0 000 6z', 'M19 12l2-1-1-3-2 .2-1.4-1.4.2-2-3-1-1 2h-2l-1-2-3 1 .2 2L6.6 7.2l-2-.2-1 3 2 1v2l-2 1 1 3 2-.2 1.4 1.4-.2 2 3 1 1-2h2l1 2 3-1-.2-2 1.4-1.4 2 .2 1-3-2-1z'],
};

export function NavIcon({ screen }: { screen: Screen }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round">
      {PATHS[screen].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
