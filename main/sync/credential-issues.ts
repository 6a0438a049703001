import type { z } from 'zod';

/**
 * One error naming every wrong credential field, "appKey: must be digits; sessionKey: required", which Settings
 * splits back per field. Our own messages already start with the field name; zod's generic ones get it prefixed.
 */
export function credentialsError(error: z.ZodError): Error {
  const messages = error.issues.map((i) => {
    const name = i.path.map(String).join('.');
    return name && !i.message.startsWith(name) ? `${name}: ${i.message}` : i.message;
  });
  return new Error([...new Set(messages)].join('; '));
}
