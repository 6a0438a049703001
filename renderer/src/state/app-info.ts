import { create } from 'zustand';
import type { Output } from '../../../shared/contract/index.js';
import { api } from '../api/client.js';
import { asApiError, type ApiError } from '../api/errors.js';

type AppInfo = Output<'app.info'>;

/** Facts about the running installation (version, database, demo flag); loaded at start and after a reconnect. */
export const useAppInfo = create<{ info: AppInfo | null; error: ApiError | null }>(() => ({ info: null, error: null }));

export function loadAppInfo(): void {
  api.invoke('app.info', {}).then(
    (info) => useAppInfo.setState({ info, error: null }),
    (e: unknown) => useAppInfo.setState({ error: asApiError(e) }),
  );
}
