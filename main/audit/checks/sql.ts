/**
 * A list of ids or texts as one SQL parameter: `x IN (SELECT value FROM json_each(?))` with the JSON array bound,
 * so a batch of thousands is one statement with one parameter (no variable-count limit, one cached statement).
 */
export function jsonList(values: Iterable<number | string>): string {
  return JSON.stringify([...values]);
}
