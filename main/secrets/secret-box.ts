/**
 * Where platform credentials (app secrets, access tokens) are sealed before they go into the database. The desktop
 * app seals with the OS keychain (main/electron/secrets.ts); headless `serve` and the CLI with a key file
 * (key-file-box.ts). Nothing else ever sees a credential in clear.
 */
export interface SecretBox {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  /** False when secrets cannot be stored safely; encrypt() then refuses instead of storing plain text. */
  available(): boolean;
}

export class SecretStorageUnavailable extends Error {
  override name = 'SecretStorageUnavailable';
}
