import type { PlatformAdapter } from './adapter.js';
import { amazonAdapter } from './platforms/amazon/adapter.js';
import { douyinAdapter } from './platforms/douyin/adapter.js';
import { jdAdapter } from './platforms/jd/adapter.js';
import { kuaishouAdapter } from './platforms/kuaishou/adapter.js';
import { pinduoduoAdapter } from './platforms/pinduoduo/adapter.js';
import { shopifyAdapter } from './platforms/shopify/adapter.js';
import { taobaoAdapter } from './platforms/taobao/adapter.js';
import { woocommerceAdapter } from './platforms/woocommerce/adapter.js';

/** Every platform adapter this build ships with. */
export const BUILT_IN_ADAPTERS: readonly PlatformAdapter[] = [taobaoAdapter, douyinAdapter, pinduoduoAdapter, jdAdapter, kuaishouAdapter, amazonAdapter, shopifyAdapter, woocommerceAdapter];
