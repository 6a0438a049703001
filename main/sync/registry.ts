import type { Platform } from '../../shared/domain/ids.js';
import { AppError } from '../../shared/errors.js';
import type { PlatformAdapter } from './adapter.js';

/** The adapters this build speaks, by platform. Manual orders have none (nothing to sync or write back). */
export class AdapterRegistry {
  private readonly byPlatform = new Map<Platform, PlatformAdapter>();
  constructor(adapters: readonly PlatformAdapter[] = []) {
    for (const a of adapters) this.byPlatform.set(a.platform, a);
  }

  get(platform: Platform): PlatformAdapter | undefined {
    return this.byPlatform.get(platform);
  }

  require(platform: Platform): PlatformAdapter {
    const a = this.byPlatform.get(platform);
    if (!a) throw new AppError('conflict', `ShopDesk cannot sync ${platform} shops yet`, { platform });
    return a;
  }

  platforms(): Platform[] {
    return [...this.byPlatform.keys()];
  }
}
