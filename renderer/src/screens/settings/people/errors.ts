import type { OperatorInfo } from '../../../../../shared/domain/people.js';
import type { ApiError } from '../../../api/errors.js';
import type { T } from '../../../i18n/index.js';

/**
 * main answers `conflict` both for a taken name and for touching the owner's role; the generic words for that code
 * ("it changed in the meantime") would mislead here, so these two get their own. main's message is still shown below.
 */
export function peopleErrorHeadline(t: T, error: ApiError, editing?: OperatorInfo): string | null {
  if (error.code !== 'conflict') return null;
  if (error.details?.field === 'name') return t('people.nameTaken', { name: String(error.details.name ?? '') });
  if (editing?.role === 'owner') return t('people.ownerFixed');
  return null;
}
