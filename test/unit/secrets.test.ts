import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFileSecretBox } from '../../main/secrets/key-file-box.js';
import { tmpDir } from '../helpers/tmp.js';

describe('headless secret box (key file)', () => {
  it('round-trips a secret, never stores it in clear, and creates its key owner-only', () => {
    const keyFile = path.join(tmpDir(), 'shop.db.key');
    const box = keyFileSecretBox(keyFile);
    const secret = 'shpat_0123456789abcdef-店铺密钥';
    const sealed = box.encrypt(secret);
    expect(sealed.includes(Buffer.from('shpat_'))).toBe(false);
    expect(box.decrypt(sealed)).toBe(secret);
    expect(box.encrypt(secret).equals(sealed)).toBe(false); // a fresh IV every time
    if (process.platform !== 'win32') expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // A second box over the same key file (the next run) opens what the first sealed.
    expect(keyFileSecretBox(keyFile).decrypt(sealed)).toBe(secret);
  });

  it('refuses a tampered secret, a different key, and a key file others can read', () => {
    const dir = tmpDir();
    const box = keyFileSecretBox(path.join(dir, 'a.key'));
    const sealed = box.encrypt('token');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.decrypt(tampered)).toThrow(/cannot be opened/);
    expect(() => keyFileSecretBox(path.join(dir, 'b.key')).decrypt(sealed)).toThrow(/cannot be opened/);
    if (process.platform !== 'win32') {
      const loose = path.join(dir, 'loose.key');
      fs.writeFileSync(loose, Buffer.alloc(32, 7).toString('base64'), { mode: 0o644 });
      fs.chmodSync(loose, 0o644);
      expect(() => keyFileSecretBox(loose).encrypt('x')).toThrow(/can be read by other users \(mode 644\); run: chmod 600/);
    }
  });
});
