export * from './contract/index.js';
export * from './domain/ids.js';
export * from './domain/money.js';
export * from './domain/status.js';
export * from './domain/order.js';
export * from './domain/shop.js';
export * from './errors.js';
