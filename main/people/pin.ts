import crypto from 'node:crypto';

const N = 16384;
const KEYLEN = 32;

/** scrypt with a random salt: a stolen database does not hand out PINs (4-8 digits are still weak: see attempts). */
export function hashPin(pin: string): string {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(pin, salt, KEYLEN, { N });
  return `scrypt$${N}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [kind, n, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const got = crypto.scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n) });
  return crypto.timingSafeEqual(got, expected);
}

/**
 * Wrong PINs in a row lock that operator's sign-in for a while: a 4-digit PIN would otherwise fall to a script in
 * minutes. Kept in memory: a restart clears it, which is fine for a bench, not a bank.
 */
export class AttemptLimiter {
  private failures = new Map<string, { count: number; until: number }>();
  constructor(
    private readonly maxFailures = 5,
    private readonly lockMs = 60_000,
    private readonly now = () => Date.now(),
  ) {}

  /** ms until the key may try again, 0 when it may try now. */
  blockedFor(key: string): number {
    const f = this.failures.get(key);
    return f && f.count >= this.maxFailures ? Math.max(0, f.until - this.now()) : 0;
  }

  fail(key: string): void {
    const f = this.failures.get(key);
    const expired = f && f.count >= this.maxFailures && f.until <= this.now();
    const count = !f || expired ? 1 : f.count + 1;
    this.failures.set(key, { count, until: this.now() + this.lockMs });
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
