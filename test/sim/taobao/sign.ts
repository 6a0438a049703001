import crypto from 'node:crypto';

/**
 * The gateway's side of TOP signing (platform-apis.md §4.2), written independently of the adapter's signer so the two
 * check each other: the received parameters (already form-decoded, as TOP's servlet sees them) minus `sign` and
 * empty values, names sorted byte-wise, name+value concatenated, digested as sign_method says, upper-case hex.
 */
export type SimSignMethod = 'md5' | 'hmac' | 'hmac-sha256';

export function simStringToSign(params: ReadonlyMap<string, string>): string {
  const names = [...params.keys()].filter((n) => n !== 'sign' && (params.get(n) ?? '') !== '');
  names.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  let s = '';
  for (const n of names) s += n + (params.get(n) ?? '');
  return s;
}

export function simSign(params: ReadonlyMap<string, string>, secret: string, method: SimSignMethod): string {
  const data = Buffer.from(simStringToSign(params), 'utf8');
  const key = Buffer.from(secret, 'utf8');
  let digest: Buffer;
  if (method === 'md5') digest = crypto.createHash('md5').update(Buffer.concat([key, data, key])).digest();
  else digest = crypto.createHmac(method === 'hmac' ? 'md5' : 'sha256', key).update(data).digest();
  return digest.toString('hex').toUpperCase();
}

export function isSimSignMethod(v: string | undefined): v is SimSignMethod {
  return v === 'md5' || v === 'hmac' || v === 'hmac-sha256';
}
