/**
 * What the Chinese platforms add to sync: after-sales cases listed apart from orders (Taobao refunds, Douyin
 * afterSale.List, PDD refund increment…) with their own cursor, the references a platform needs to decrypt an
 * address for printing (kept apart from the order row, never the plaintext), and the seller's carrier-code
 * overrides for the platforms' company codes; and the permissions to edit manual orders and import files.
 */
export const name = 'platform_extras';
export const sql = /* sql */ `
CREATE TABLE after_sales (
  id                      INTEGER PRIMARY KEY,
  shop_id                 INTEGER NOT NULL REFERENCES shops(id),
  platform                TEXT NOT NULL,
  platform_after_sale_id  TEXT NOT NULL CHECK (length(platform_after_sale_id) BETWEEN 1 AND 100),
  platform_order_id       TEXT NOT NULL,
  -- Null until the order itself is synced (a case can arrive before its order); linked when it does.
  order_id                INTEGER REFERENCES orders(id) ON DELETE SET NULL,
  platform_line_id        TEXT,
  platform_sku            TEXT,
  kind                    TEXT NOT NULL CHECK (kind IN ('refund_only','return_refund','exchange','reship','repair','price_protect','other')),
  state                   TEXT NOT NULL CHECK (state IN ('requested','in_progress','succeeded','rejected','cancelled')),
  platform_status         TEXT NOT NULL,
  refund_minor            INTEGER NOT NULL DEFAULT 0 CHECK (refund_minor >= 0),
  currency                TEXT NOT NULL CHECK (length(currency) = 3),
  qty                     INTEGER,
  reason                  TEXT,
  return_carrier          TEXT,
  return_tracking_no      TEXT,
  requested_at            INTEGER NOT NULL,
  platform_updated_at     INTEGER NOT NULL,
  raw                     TEXT,
  created_at              INTEGER NOT NULL,
  updated_at              INTEGER NOT NULL,
  UNIQUE (platform, shop_id, platform_after_sale_id)
) STRICT;
CREATE INDEX after_sales_order ON after_sales(order_id) WHERE order_id IS NOT NULL;
CREATE INDEX after_sales_unlinked ON after_sales(shop_id, platform_order_id) WHERE order_id IS NULL;
CREATE INDEX after_sales_open ON after_sales(state, requested_at) WHERE state IN ('requested','in_progress');

ALTER TABLE sync_state ADD COLUMN after_sales_watermark INTEGER;

-- Opaque references (an OAID, ciphertexts) the platform's decrypt call takes. Never the decrypted address.
CREATE TABLE order_pii (
  order_id    INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  ref         TEXT NOT NULL CHECK (json_valid(ref)),
  updated_at  INTEGER NOT NULL
) STRICT;

-- New permissions: reviewers (the owner's right hand) type in manual orders and import order files.
INSERT INTO role_permissions (role, permission) VALUES ('reviewer','orders.edit'), ('reviewer','orders.import');

CREATE TABLE carrier_codes (
  platform    TEXT NOT NULL,
  carrier     TEXT NOT NULL,
  code        TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (platform, carrier)
) STRICT, WITHOUT ROWID;
`;
