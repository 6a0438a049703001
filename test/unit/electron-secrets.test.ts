import { describe, expect, it } from 'vitest';
import { SecretStorageUnavailable, safeStorageSecretBox, secretStorageProblem, type SafeStorageLike } from '../../main/electron/secrets.js';

function fakeSafeStorage(available: boolean, backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']> = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    // A reversible stand-in for the OS keychain: enough to see that the box passes data through.
    encryptString: (s) => Buffer.from(s, 'utf8').reverse(),
    decryptString: (b) => Buffer.from(b).reverse().toString('utf8'),
  };
}

describe('safeStorage SecretBox', () => {
  it('round-trips through the keychain when it is available', () => {
    const box = safeStorageSecretBox(fakeSafeStorage(true), 'win32');
    expect(box.available()).toBe(true);
    const sealed = box.encrypt('access-token-淘宝');
    expect(sealed.toString('utf8')).not.toContain('access-token');
    expect(box.decrypt(sealed)).toBe('access-token-淘宝');
  });

  it('refuses to store anything when encryption is unavailable', () => {
    const box = safeStorageSecretBox(fakeSafeStorage(false), 'darwin');
    expect(box.available()).toBe(false);
    expect(() => box.encrypt('secret')).toThrow(SecretStorageUnavailable);
  });

  it("refuses Linux's basic_text backend (a fixed key: plain text in disguise)", () => {
    const ss = fakeSafeStorage(true, 'basic_text');
    expect(secretStorageProblem(ss, 'linux')).toMatch(/keyring/);
    expect(() => safeStorageSecretBox(ss, 'linux').encrypt('secret')).toThrow(/plain text/);
    expect(secretStorageProblem(ss, 'win32')).toBeNull(); // the backend only exists on Linux
  });
});
