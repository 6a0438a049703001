import { remarkCheck } from './remark.js';

/** The seller (or a colleague) wrote a memo on the order on the platform: it usually asks for something special. */
export const sellerMemo = remarkCheck('seller_memo', 'seller memo', (o) => o.sellerMemo);
