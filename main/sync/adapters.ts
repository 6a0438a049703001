import type { PlatformAdapter } from './adapter.js';

/** Every platform adapter this build ships with. */
export const BUILT_IN_ADAPTERS: readonly PlatformAdapter[] = [];
