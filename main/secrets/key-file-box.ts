import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { SecretBox } from './secret-box.js';

const VERSION = 1;
const KEY_BYTES = 32;

/**
 * Reads the key, or creates it (32 random bytes, owner-only 0600) the first time. A key readable by others is
 * refused: on a shared machine it would hand every platform credential to anyone who can read the folder.
 */
function loadKey(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first: use theirs
    }
  }
  if (process.platform !== 'win32') {
    const mode = fs.statSync(file).mode & 0o777;
    if (mode & 0o077) {
      throw new AppError('io_error', `the key file ${file} can be read by other users (mode ${mode.toString(8)}); run: chmod 600 "${file}"`, { file, mode });
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new AppError('io_error', `the key file ${file} is damaged (expected ${KEY_BYTES} bytes)`, { file });
  return key;
}

/**
 * Headless secret box: AES-256-GCM under a key kept in a 0600 file beside the database (never in it, so a copied
 * database or backup alone does not open the credentials). Sealed layout: version(1) | iv(12) | tag(16) | ciphertext.
 */
export function keyFileSecretBox(keyFile: string): SecretBox {
  let key: Buffer | null = null;
  const getKey = () => (key ??= loadKey(keyFile));
  return {
    available: () => true,
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed.length < 29 || sealed[0] !== VERSION) throw new AppError('io_error', 'a stored secret is damaged or from an unknown version');
      const decipher = crypto.createDecipheriv('aes-256-gcm', getKey(), sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      try {
        return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
      } catch {
        throw new AppError('io_error', `a stored secret cannot be opened with ${keyFile} (was the key file replaced?)`, { file: keyFile });
      }
    },
  };
}

/** The key file's place: beside the database, named after it. */
export function keyFileFor(dbPath: string): string {
  return `${dbPath}.key`;
}
