import { OperatorName, Pin } from '../../../shared/domain/people.js';
import type { MessageKey } from '../i18n/index.js';

/*
 * The same rules main applies (the shared schemas), checked before sending so a person sees what to fix next to the
 * field, in their language, instead of main's English error after the round trip.
 */

export function nameProblem(name: string): MessageKey | null {
  if (name.trim() === '') return 'form.nameRequired';
  return OperatorName.safeParse(name).success ? null : 'form.nameTooLong';
}

/** An empty PIN is fine when it is optional; otherwise 4–8 digits, typed the same twice. */
export function pinProblems(pin: string, confirm: string, optional: boolean): { pin: MessageKey | null; confirm: MessageKey | null } {
  if (pin === '' && confirm === '' && optional) return { pin: null, confirm: null };
  if (!Pin.safeParse(pin).success) return { pin: 'form.pinDigits', confirm: null };
  return { pin: null, confirm: pin === confirm ? null : 'form.pinMismatch' };
}

/** What a PIN field accepts as it is typed: digits only, at most 8 (pasted spaces and dashes are dropped). */
export function pinInput(raw: string): string {
  return raw.replace(/\D/g, '').slice(0, 8);
}
