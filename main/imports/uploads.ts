import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { UploadResult } from '../../shared/contract/imports.js';
import { AppError } from '../../shared/errors.js';

/** Uploads older than this are removed at startup: an import is finished or abandoned within a day. */
export const UPLOAD_MAX_AGE_MS = 24 * 3600_000;

interface UploadMeta {
  name: string;
  bytes: number;
  /** A file registered in place (Electron's file dialog, the CLI): never deleted by us. */
  localPath?: string;
  createdAt: number;
}

export function newId(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/** File names as people see them: no folders, no control characters, not too long. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const s = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return s || 'upload';
}

/**
 * The files an import reads, under `<database folder>/imports/`: uploaded bytes (`<id>.upload`) with a small JSON
 * beside each, or a registration of a file the desktop app or CLI picked (read in place, never copied or deleted).
 * Removed after commit or cancel, and at startup when older than a day (stage files too).
 */
export class UploadStore {
  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  ensureDir(): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  private metaPath(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  dataPath(id: string): string {
    return path.join(this.dir, `${id}.upload`);
  }

  /** A new upload's id and the path its bytes go to (the transport streams them there, then calls finish). */
  begin(): { id: string; path: string } {
    this.ensureDir();
    const id = newId();
    return { id, path: this.dataPath(id) };
  }

  finish(id: string, name: string, bytes: number): UploadResult {
    const meta: UploadMeta = { name: cleanName(name), bytes, createdAt: this.now() };
    fs.writeFileSync(this.metaPath(id), JSON.stringify(meta), { mode: 0o600 });
    return { uploadId: id, name: meta.name, bytes };
  }

  /** Registers a file on this computer to import it in place. */
  registerLocalFile(file: string): UploadResult {
    const abs = path.resolve(file);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new AppError('not_found', `${file}: no such file`, { file });
    }
    if (!st.isFile()) throw new AppError('invalid_input', `${file}: not a file`, { file });
    this.ensureDir();
    const id = newId();
    const meta: UploadMeta = { name: cleanName(path.basename(abs)), bytes: st.size, localPath: abs, createdAt: this.now() };
    fs.writeFileSync(this.metaPath(id), JSON.stringify(meta), { mode: 0o600 });
    return { uploadId: id, name: meta.name, bytes: st.size };
  }

  get(id: string): { name: string; bytes: number; path: string } {
    let meta: UploadMeta;
    try {
      meta = JSON.parse(fs.readFileSync(this.metaPath(id), 'utf8')) as UploadMeta;
    } catch {
      throw new AppError('not_found', `upload ${id} does not exist (uploads are removed after an import and after a day); upload the file again`, { uploadId: id });
    }
    return { name: meta.name, bytes: meta.bytes, path: meta.localPath ?? this.dataPath(id) };
  }

  remove(id: string): void {
    fs.rmSync(this.dataPath(id), { force: true });
    fs.rmSync(this.metaPath(id), { force: true });
  }

  /** Startup: anything here older than a day is from an import nobody finished. */
  sweep(): number {
    let removed = 0;
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return 0;
    }
    const cutoff = this.now() - UPLOAD_MAX_AGE_MS;
    for (const n of names) {
      const p = path.join(this.dir, n);
      try {
        if (fs.statSync(p).mtimeMs < cutoff) {
          fs.rmSync(p, { force: true });
          removed++;
        }
      } catch {
        // gone already
      }
    }
    return removed;
  }
}
