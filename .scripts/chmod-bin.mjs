// The CLI entry must be executable for `npx shopdesk` / the package bin on POSIX systems.
import fs from 'node:fs';
if (process.platform !== 'win32') fs.chmodSync(new URL('../dist/main/cli.js', import.meta.url), 0o755);
