import type { SafeStorage } from 'electron';
import { SecretStorageUnavailable, type SecretBox } from '../secrets/secret-box.js';

export { SecretStorageUnavailable, type SecretBox };

/** Only what SecretBox uses of Electron's safeStorage, so tests can pass a fake. */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/**
 * Why secrets cannot be stored, or null when they can. On Linux without a keyring (GNOME Keyring / KWallet),
 * Electron falls back to the `basic_text` backend, which "encrypts" with a fixed, public key: that is plain text in
 * disguise, so it is refused like no encryption at all.
 */
export function secretStorageProblem(ss: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!ss.isEncryptionAvailable()) {
    return 'the system keychain is not available, so ShopDesk will not store passwords or tokens (they would be kept as plain text)';
  }
  if (platform === 'linux' && ss.getSelectedStorageBackend() === 'basic_text') {
    return 'no keyring (GNOME Keyring or KWallet) is running, so ShopDesk will not store passwords or tokens (they would be kept as plain text)';
  }
  return null;
}

/** A SecretBox over the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret/KWallet on Linux). Use after app 'ready'. */
export function safeStorageSecretBox(ss: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretBox {
  return {
    available: () => secretStorageProblem(ss, platform) === null,
    encrypt(plain) {
      const problem = secretStorageProblem(ss, platform);
      if (problem) throw new SecretStorageUnavailable(problem);
      return ss.encryptString(plain);
    },
    decrypt(sealed) {
      const problem = secretStorageProblem(ss, platform);
      if (problem) throw new SecretStorageUnavailable(problem);
      return ss.decryptString(sealed);
    },
  };
}
