import { z } from 'zod';
import { credentialsError } from '../../credential-issues.js';

/**
 * A 抖店 shop's credentials, with the keys the Settings screen uses. appKey/appSecret identify the ShopDesk app on
 * the 抖店 open platform (op.jinritemai.com); accessToken/refreshToken come from token.create when the shop
 * authorizes the app, and ShopDesk rotates them itself (token.refresh). shopId is informative (self-use apps).
 */
export interface DouyinCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  shopId?: string;
  signMethod: DouyinSignMethod;
}

export type DouyinSignMethod = 'hmac-sha256' | 'md5';

const required = (name: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name}: required` : `${name}: must be text`) })
    .trim()
    .min(1, `${name}: required`);

/** '' from an empty form field means "not set". */
const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const Schema = z.object({
  // The gateway calls a non-numeric app_key "app_key格式不正确，应为19位纯数字" (isv.app-id-invalid).
  appKey: required('appKey').regex(/^\d+$/, 'appKey: must be digits'),
  appSecret: required('appSecret'),
  accessToken: required('accessToken'),
  refreshToken: required('refreshToken'),
  shopId: z.preprocess(blankAsUndefined, z.string({ error: 'shopId: must be text' }).trim().regex(/^\d+$/, 'shopId: must be digits').optional()),
  signMethod: z.preprocess(blankAsUndefined, z.enum(['hmac-sha256', 'md5'], { error: 'signMethod: must be hmac-sha256 or md5' }).default('hmac-sha256')),
});

/**
 * Checks 抖店 credentials; the error names every wrong field ("appKey: must be digits; refreshToken: required"), so
 * the shop form can point at them. Values are trimmed (pasted tokens carry newlines); unknown keys are dropped.
 */
export function parseDouyinCredentials(input: unknown): DouyinCredentials {
  const r = Schema.safeParse(input ?? {});
  if (!r.success) {
    throw credentialsError(r.error);
  }
  const { shopId, ...rest } = r.data;
  return shopId ? { ...rest, shopId } : rest;
}

/** The stored form (flat strings, the Settings keys only). */
export function credentialsRecord(c: DouyinCredentials): Record<string, string> {
  const out: Record<string, string> = { appKey: c.appKey, appSecret: c.appSecret, accessToken: c.accessToken, refreshToken: c.refreshToken, signMethod: c.signMethod };
  if (c.shopId) out.shopId = c.shopId;
  return out;
}
