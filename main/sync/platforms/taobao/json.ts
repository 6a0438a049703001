/**
 * JSON.parse for TOP answers, keeping 64-bit ids exact. TOP sends `tid`, `oid` and `num_iid` as JSON numbers, and
 * today's trade ids have 19 digits: JSON.parse would round 3619873200512345678 to 3619873200512345600 and the order
 * would be stored (and shipped) under someone else's id. Integers beyond Number.MAX_SAFE_INTEGER are therefore turned
 * into strings before parsing. The scan skips string contents, so a buyer message full of digits is left alone.
 */
export function parseTopJson(text: string): unknown {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++; // the escaped character cannot end the string
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
      const token = text.slice(i, j);
      if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(copied, i)}"${token}"`;
        copied = j;
      }
      i = j - 1;
    }
  }
  return JSON.parse(out + text.slice(copied));
}
