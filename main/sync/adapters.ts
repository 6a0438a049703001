import type { PlatformAdapter } from './adapter.js';
import { amazonAdapter } from './platforms/amazon/adapter.js';
import { shopifyAdapter } from './platforms/shopify/adapter.js';
import { woocommerceAdapter } from './platforms/woocommerce/adapter.js';

/** Every platform adapter this build ships with. */
export const BUILT_IN_ADAPTERS: readonly PlatformAdapter[] = [amazonAdapter, shopifyAdapter, woocommerceAdapter];
