import { PERMISSIONS, ROLES, type Permission, type Role } from '../../../shared/domain/people.js';
import type { ApiError } from '../api/errors.js';
import { useT } from '../i18n/index.js';

interface Issue {
  path: string;
  message: string;
}

function issuesOf(details: Record<string, unknown> | undefined): Issue[] {
  const raw = details?.issues;
  if (!Array.isArray(raw)) return [];
  return raw.filter((i): i is Issue => typeof i === 'object' && i !== null && typeof (i as Issue).path === 'string' && typeof (i as Issue).message === 'string');
}

function isPermission(v: unknown): v is Permission {
  return (PERMISSIONS as readonly unknown[]).includes(v);
}
function isRole(v: unknown): v is Role {
  return (ROLES as readonly unknown[]).includes(v);
}

interface Props {
  title: string;
  error: ApiError;
  onRetry?: () => void;
  compact?: boolean;
  /** Words for this error where the caller knows better than the code (a taken name is a `conflict`, not a race). */
  headline?: string | null;
}

/** Plain-words error: the translated code first, then main's English message and the fields it names. */
export function ErrorBox({ title, error, onRetry, compact, headline: given }: Props) {
  const t = useT();
  const issues = issuesOf(error.details);
  // main says why a call was not authorized; the two common reasons get their own words.
  const reason = error.details?.reason;
  const permission = error.details?.permission;
  const role = error.details?.role;
  const headline =
    given ??
    (error.code === 'unauthorized' && reason === 'needs_setup'
      ? t('error.needsSetup')
      : error.code === 'unauthorized' && reason === 'signed_out'
        ? t('error.signedOut')
        : error.code === 'forbidden' && isPermission(permission) && isRole(role)
          ? t('error.forbiddenPerm', { role: t(`role.${role}`), perm: t(`perm.${permission}`) })
          : t(`error.${error.code}`));
  const otherDetails = Object.entries(error.details ?? {}).filter(([k, v]) => k !== 'issues' && (typeof v === 'string' || typeof v === 'number'));
  return (
    <div className={compact ? 'error-box compact' : 'error-box'} role="alert" data-testid="error-box" data-error-code={error.code}>
      <div className="error-title">{title}</div>
      <div className="error-code">{headline}</div>
      {error.message && <div className="error-message">{error.message}</div>}
      {(issues.length > 0 || otherDetails.length > 0) && (
        <details className="error-details">
          <summary>{t('error.details')}</summary>
          <ul>
            {issues.map((i) => (
              <li key={i.path + i.message}>
                <code>{i.path}</code>: {i.message}
              </li>
            ))}
            {otherDetails.map(([k, v]) => (
              <li key={k}>
                <code>{k}</code>: {String(v)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
