import { remarkCheck } from './remark.js';

/** The buyer left a message (a colour, a date, "no invoice"): someone reads it before the parcel is packed. */
export const buyerMessage = remarkCheck('buyer_message', 'buyer message', (o) => o.buyerMessage);
