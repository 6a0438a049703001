import { Command, CommanderError } from 'commander';
import { appVersion } from '../app/version.js';
import { registerAudit } from './audit.js';
import { registerData } from './data.js';
import { registerImport } from './import.js';
import { registerExport } from './export.js';
import { registerOrders } from './orders.js';
import { reportError, EXIT_BAD_INPUT } from './output.js';
import { registerServe } from './serve.js';
import { registerShops, registerSync } from './sync.js';

/** `shopdesk`: the same core as the desktop app, from a terminal. */
export function buildProgram(): Command {
  const program = new Command('shopdesk')
    .description('ShopDesk — one order hub for every platform you sell on')
    .version(appVersion())
    .option('--db <path>', 'database file (default: SHOPDESK_DB, else the app data folder)')
    .option('--json', 'machine-readable JSON output')
    .exitOverride()
    .showHelpAfterError();
  registerServe(program);
  registerData(program);
  registerOrders(program);
  registerExport(program);
  registerShops(program);
  registerSync(program);
  registerImport(program);
  registerAudit(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT; // commander already printed why
    return reportError(e, argv.includes('--json'));
  }
}

