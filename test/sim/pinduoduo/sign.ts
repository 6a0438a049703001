import { createHash } from 'node:crypto';

/**
 * The simulator's own implementation of PDD's signature (platform-apis.md §6.1), written apart from the adapter's
 * so the two cross-check each other against the §9 vector: md5 over secret + k1v1… + secret, every received field
 * but `sign`, keys sorted ordinal, upper-case hex. The gateway sees only decoded form text, so there are no nulls,
 * objects or booleans left to normalise here: a client that sent "True" or unsorted JSON simply fails.
 */
export function simStringToSign(secret: string, fields: Readonly<Record<string, string>>): string {
  const keys = Object.keys(fields)
    .filter((k) => k !== 'sign')
    .sort((a, b) => (a === b ? 0 : a < b ? -1 : 1));
  let s = secret;
  for (const k of keys) s += k + fields[k];
  return s + secret;
}

export function simSign(secret: string, fields: Readonly<Record<string, string>>): string {
  return createHash('md5').update(simStringToSign(secret, fields), 'utf8').digest('hex').toUpperCase();
}

/** A signed form body built the simulator's way (tests use it to play a naive client). */
export function simSignedBody(secret: string, fields: Readonly<Record<string, string>>): string {
  return new URLSearchParams({ ...fields, sign: simSign(secret, fields) }).toString();
}
