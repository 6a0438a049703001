import type { SimResponse } from '../base.js';

/** Amazon's messages, as seen in the wild (platform-apis.md §2.2–2.8); the ones marked [U] are our own wording. */
export const MSG = {
  denied: 'Access to requested resource is denied.',
  expired: 'The security token included in the request is expired',
  quota: 'You exceeded your quota for the requested resource.',
  internal: 'We encountered an internal error. Please try again.',
  unavailable: 'Service temporarily unavailable. Please try again.', // [U]
  invalid: 'The input you have submitted is not valid. Please check your input and try again.',
  beforeTooRecent:
    'The input you have submitted is not valid. The newest data is available about 2 minutes after an order is created or updated: ' +
    'if you set CreatedBefore or LastUpdatedBefore, give a time at least 2 minutes before the current time and try again.',
  badNextToken: 'We could not decode your NextToken. Possible reasons include: a transmission error, improper quoting or a truncation problem.',
  packageRefInvalid: 'PackageReferenceId: is invalid, must be a positive numeric value.',
  alreadyFulfilled: 'Failed to create package due to not finding a matching package or order already fulfilled.',
  orderItemInvalid: 'OrderItemId is invalid',
} as const;

export function amzError(status: number, code: string, message: string, details = '', headers: Record<string, string> = {}): SimResponse {
  return { status, headers, body: { errors: [{ code, message, details }] } };
}

export const invalidInput = (message: string = MSG.invalid, details = ''): SimResponse => amzError(400, 'InvalidInput', message, details);
