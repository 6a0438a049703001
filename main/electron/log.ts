import fs from 'node:fs';
import path from 'node:path';

export interface FileLog {
  readonly file: string;
  info(msg: string): void;
  error(msg: string, err?: unknown): void;
}

/** Beyond this the previous log is kept as main.old.log and a new one started, so logs never grow without end. */
const MAX_BYTES = 5 * 1024 * 1024;

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * A plain append-only log file in the OS's log folder. Synchronous on purpose: the lines that matter most are
 * written just before a crash, and an async writer would lose them. Mirrored to stderr for development.
 */
export function openFileLog(dir: string, name = 'main'): FileLog {
  const file = path.join(dir, `${name}.log`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (fs.existsSync(file) && fs.statSync(file).size > MAX_BYTES) fs.renameSync(file, path.join(dir, `${name}.old.log`));
  } catch {
    // a log we cannot prepare must not stop the app; write() below falls back to stderr
  }
  const write = (level: string, msg: string) => {
    const line = `${new Date().toISOString()} ${level} ${msg}\n`;
    process.stderr.write(line);
    try {
      fs.appendFileSync(file, line);
    } catch {
      // disk full or folder gone: stderr already has it
    }
  };
  return {
    file,
    info: (msg) => write('INFO ', msg),
    error: (msg, err) => write('ERROR', err === undefined ? msg : `${msg}: ${describe(err)}`),
  };
}
