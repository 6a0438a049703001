import type { UploadResult } from '../../shared/contract/imports.js';
import { AppError } from '../../shared/errors.js';
import type { Handlers } from '../transport/dispatch.js';
import type { ImportService } from './service.js';

/** Shows the OS open-file dialog and returns the chosen paths ([] when closed without a choice). */
export type OpenFilesDialog = () => Promise<string[]>;
let dialog: OpenFilesDialog | null = null;

/** The Electron shell installs its dialog here once the window exists; `serve` never does (the browser uploads). */
export function setImportFilesDialog(fn: OpenFilesDialog | null): void {
  dialog = fn;
}

/** 'imports.pickFiles': the picked files are registered in place (no copy), exactly as an upload would be. */
export function pickFilesHandler(imports: ImportService): Pick<Handlers, 'imports.pickFiles'> {
  return {
    'imports.pickFiles': async (): Promise<UploadResult[]> => {
      if (!dialog) throw new AppError('conflict', 'this ShopDesk has no file dialog: upload the file from the browser instead', { reason: 'no_dialog' });
      const paths = await dialog();
      return paths.map((p) => imports.registerLocalFile(p));
    },
  };
}
