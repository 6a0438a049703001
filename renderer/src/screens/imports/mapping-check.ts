import { GENERIC_FIELDS, GENERIC_ONE_OF, GENERIC_REQUIRED, type GenericField } from '../../../../shared/contract/imports.js';

/**
 * The live check of a column mapping, as the seller edits it, with the same rules main applies (shared/contract/
 * imports.ts): the required fields, one of each group, and headers that this file really has (a preset saved for
 * another export may name columns this one lacks). Using one column twice is allowed but worth a look.
 */
export type Problem =
  | { kind: 'required' }
  | { kind: 'oneOf'; fields: readonly GenericField[] }
  | { kind: 'absent'; header: string }
  | { kind: 'duplicate'; fields: readonly GenericField[] };

export interface MappingCheck {
  byField: Record<GenericField, Problem[]>;
  /** Problems that stop the dry run (required, one-of, absent); duplicates are warnings. */
  blocking: number;
}

export function isBlocking(p: Problem): boolean {
  return p.kind !== 'duplicate';
}

/** Fields in one of the "at least one of" groups, for the marker beside their name. */
export function oneOfGroup(field: GenericField): readonly GenericField[] | null {
  return GENERIC_ONE_OF.find((g) => g.includes(field)) ?? null;
}

export function checkMapping(columns: Partial<Record<GenericField, string>>, headers: readonly string[]): MappingCheck {
  const byField = Object.fromEntries(GENERIC_FIELDS.map((f) => [f, [] as Problem[]])) as Record<GenericField, Problem[]>;
  const known = new Set(headers);
  const users = new Map<string, GenericField[]>();
  for (const f of GENERIC_FIELDS) {
    const h = columns[f];
    if (!h) continue;
    if (!known.has(h)) byField[f].push({ kind: 'absent', header: h });
    users.set(h, [...(users.get(h) ?? []), f]);
  }
  for (const f of GENERIC_REQUIRED) if (!columns[f]) byField[f].push({ kind: 'required' });
  for (const group of GENERIC_ONE_OF) {
    if (group.some((f) => columns[f])) continue;
    // Said once, on the group's first field: the seller fixes it by mapping any of them.
    const first = group[0];
    if (first) byField[first].push({ kind: 'oneOf', fields: group });
  }
  for (const fields of users.values()) if (fields.length > 1) for (const f of fields) byField[f].push({ kind: 'duplicate', fields });
  const blocking = GENERIC_FIELDS.reduce((n, f) => n + byField[f].filter(isBlocking).length, 0);
  return { byField, blocking };
}

/** The first data row's value under a header, for the "first row" column (text only, trimmed to fit). */
export function sampleValue(headers: readonly string[], sample: readonly (readonly string[])[], header: string | undefined): string {
  if (!header) return '';
  const i = headers.indexOf(header);
  const v = i < 0 ? undefined : sample[0]?.[i];
  if (!v) return '';
  return v.length > 40 ? `${v.slice(0, 39)}…` : v;
}
