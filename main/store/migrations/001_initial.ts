/**
 * The first schema. Conventions: STRICT tables, integer ids, money in minor units + currency, times in epoch ms UTC,
 * JSON in TEXT columns checked with json_valid. Derived columns (queue, open_flags, item counts) are written by the
 * services in the same transaction as the facts they derive from.
 */
export const name = 'initial';
export const sql = /* sql */ `
CREATE TABLE shops (
  id              INTEGER PRIMARY KEY,
  platform        TEXT NOT NULL CHECK (platform IN ('taobao','douyin','pinduoduo','jd','kuaishou','amazon','shopify','woocommerce','manual')),
  name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  currency        TEXT NOT NULL CHECK (length(currency) = 3),
  base_url        TEXT,
  credentials_enc BLOB,
  settings        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (platform, name)
) STRICT;

CREATE TABLE skus (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 100),
  name        TEXT NOT NULL,
  barcode     TEXT UNIQUE,
  weight_g    INTEGER CHECK (weight_g IS NULL OR weight_g >= 0),
  cost_minor  INTEGER,
  currency    TEXT CHECK (currency IS NULL OR length(currency) = 3),
  image_url   TEXT,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

-- A platform listing's SKU (or outer id) mapped to one of our SKUs; qty_per for bundles sold as one listing unit.
CREATE TABLE platform_skus (
  id            INTEGER PRIMARY KEY,
  shop_id       INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  platform_sku  TEXT NOT NULL,
  sku_id        INTEGER NOT NULL REFERENCES skus(id),
  qty_per       INTEGER NOT NULL DEFAULT 1 CHECK (qty_per >= 1),
  created_at    INTEGER NOT NULL,
  UNIQUE (shop_id, platform_sku)
) STRICT;
CREATE INDEX platform_skus_sku ON platform_skus(sku_id);

CREATE TABLE warehouses (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  province    TEXT,
  city        TEXT,
  address     TEXT,
  priority    INTEGER NOT NULL DEFAULT 100,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE stock (
  warehouse_id  INTEGER NOT NULL REFERENCES warehouses(id) ON DELETE CASCADE,
  sku_id        INTEGER NOT NULL REFERENCES skus(id) ON DELETE CASCADE,
  on_hand       INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved      INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  low_water     INTEGER NOT NULL DEFAULT 0 CHECK (low_water >= 0),
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (warehouse_id, sku_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX stock_sku ON stock(sku_id);

CREATE TABLE orders (
  id                  INTEGER PRIMARY KEY,
  shop_id             INTEGER NOT NULL REFERENCES shops(id),
  platform            TEXT NOT NULL,
  platform_order_id   TEXT NOT NULL CHECK (length(platform_order_id) BETWEEN 1 AND 100),
  platform_status     TEXT NOT NULL,
  platform_state      TEXT NOT NULL CHECK (platform_state IN ('unpaid','to_ship','shipped','completed','cancelled')),
  workflow            TEXT NOT NULL DEFAULT 'pending_audit'
                      CHECK (workflow IN ('pending_audit','approved','allocated','printed','verified','shipped','written_back')),
  payment             TEXT NOT NULL CHECK (payment IN ('unpaid','paid','partly_refunded','refunded')),
  after_sales         TEXT NOT NULL DEFAULT 'none' CHECK (after_sales IN ('none','requested','in_progress','closed')),
  open_flags          INTEGER NOT NULL DEFAULT 0 CHECK (open_flags BETWEEN 0 AND 7),
  queue               TEXT NOT NULL CHECK (queue IN ('pending_audit','review','on_hold','to_print','to_pack','shipped','unpaid','intercepted','cancelled')),
  buyer_nick          TEXT,
  buyer_name          TEXT,
  buyer_phone         TEXT,
  country             TEXT,
  province            TEXT,
  city                TEXT,
  district            TEXT,
  address1            TEXT,
  postcode            TEXT,
  pii_masked          INTEGER NOT NULL DEFAULT 0 CHECK (pii_masked IN (0,1)),
  buyer_message       TEXT,
  seller_memo         TEXT,
  currency            TEXT NOT NULL CHECK (length(currency) = 3),
  goods_minor         INTEGER NOT NULL,
  shipping_minor      INTEGER NOT NULL DEFAULT 0,
  discount_minor      INTEGER NOT NULL DEFAULT 0,
  total_minor         INTEGER NOT NULL,
  paid_minor          INTEGER NOT NULL DEFAULT 0,
  refunded_minor      INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  item_count          INTEGER NOT NULL DEFAULT 0 CHECK (item_count >= 0),
  sku_summary         TEXT NOT NULL DEFAULT '',
  tracking_no         TEXT,
  carrier             TEXT,
  placed_at           INTEGER NOT NULL,
  paid_at             INTEGER,
  ship_by             INTEGER,
  platform_updated_at INTEGER,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
) STRICT;
-- The order key. Led by the platform's order id so the same index serves search by order id (prefix range).
CREATE UNIQUE INDEX orders_key ON orders(platform_order_id, platform, shop_id);
-- Queue pages: one index per sort the queue offers, led by queue so a tab's first page is an index range; shop_id
-- rides along so a shop filter is checked in the index, and (sort, shop_id, rowid) is the page order.
CREATE INDEX orders_queue_placed ON orders(queue, placed_at, shop_id);
CREATE INDEX orders_queue_paid ON orders(queue, paid_at, shop_id);
CREATE INDEX orders_queue_total ON orders(queue, total_minor, shop_id);
-- "All queues" pages merge the per-queue indexes (a compound SELECT ordered by a merge), so no index per sort over
-- all orders is kept: each one would cost every ingested order another B-tree insert.
-- A few shops out of many: their rows are found by shop and sorted.
CREATE INDEX orders_shop_queue_placed ON orders(shop_id, queue, placed_at);
-- A narrow copy of (id → queue, shop): counting a search's matches by tab reads this, not a million wide rows.
CREATE INDEX orders_id_queue ON orders(id, queue, shop_id);
-- Search: prefix ranges on the order key (above), buyer and tracking number.
CREATE INDEX orders_buyer_nick ON orders(buyer_nick COLLATE NOCASE) WHERE buyer_nick IS NOT NULL;
CREATE INDEX orders_buyer_name ON orders(buyer_name COLLATE NOCASE) WHERE buyer_name IS NOT NULL;
CREATE INDEX orders_tracking ON orders(tracking_no) WHERE tracking_no IS NOT NULL;

-- The platform's payload as received, for debugging and re-mapping; kept apart so queue scans stay narrow.
CREATE TABLE order_raw (
  order_id    INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  format      TEXT NOT NULL,
  payload     TEXT NOT NULL,
  received_at INTEGER NOT NULL
) STRICT;

CREATE TABLE order_lines (
  id                INTEGER PRIMARY KEY,
  order_id          INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  line_no           INTEGER NOT NULL CHECK (line_no >= 1),
  platform_line_id  TEXT,
  platform_sku      TEXT,
  sku_id            INTEGER REFERENCES skus(id),
  sku_code          TEXT,
  title             TEXT NOT NULL,
  variant           TEXT,
  qty               INTEGER NOT NULL CHECK (qty >= 1),
  unit_price_minor  INTEGER NOT NULL,
  discount_minor    INTEGER NOT NULL DEFAULT 0,
  qty_allocated     INTEGER NOT NULL DEFAULT 0 CHECK (qty_allocated BETWEEN 0 AND qty),
  qty_printed       INTEGER NOT NULL DEFAULT 0 CHECK (qty_printed BETWEEN 0 AND qty),
  qty_verified      INTEGER NOT NULL DEFAULT 0 CHECK (qty_verified BETWEEN 0 AND qty),
  qty_shipped       INTEGER NOT NULL DEFAULT 0 CHECK (qty_shipped BETWEEN 0 AND qty),
  qty_returned      INTEGER NOT NULL DEFAULT 0 CHECK (qty_returned BETWEEN 0 AND qty_shipped),
  qty_restocked     INTEGER NOT NULL DEFAULT 0 CHECK (qty_restocked BETWEEN 0 AND qty_returned),
  UNIQUE (order_id, line_no)
) STRICT;
CREATE INDEX order_lines_sku_code ON order_lines(sku_code, order_id) WHERE sku_code IS NOT NULL;
CREATE INDEX order_lines_sku ON order_lines(sku_id) WHERE sku_id IS NOT NULL;

-- Holds, exceptions and intercepts: flags with a typed reason and a release condition, never states.
CREATE TABLE order_flags (
  id           INTEGER PRIMARY KEY,
  order_id     INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('hold','exception','intercept')),
  reason       TEXT NOT NULL,
  note         TEXT,
  release_at   INTEGER,
  created_at   INTEGER NOT NULL,
  created_by   TEXT NOT NULL,
  released_at  INTEGER,
  released_by  TEXT
) STRICT;
CREATE INDEX order_flags_order ON order_flags(order_id);
CREATE INDEX order_flags_open_release ON order_flags(release_at) WHERE released_at IS NULL AND release_at IS NOT NULL;

-- Who did what, when and why: one row for every change by a person, a rule or a sync.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  INTEGER,
  action     TEXT NOT NULL,
  reason     TEXT,
  data       TEXT CHECK (data IS NULL OR json_valid(data))
) STRICT;
CREATE INDEX events_entity ON events(entity, entity_id, at);

-- Tab counts per (shop, queue), kept by triggers so counting a million orders is a sum over a few dozen rows.
CREATE TABLE order_counts (
  shop_id  INTEGER NOT NULL,
  queue    TEXT NOT NULL,
  n        INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (shop_id, queue)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER orders_count_ins AFTER INSERT ON orders BEGIN
  INSERT INTO order_counts(shop_id, queue, n) VALUES (NEW.shop_id, NEW.queue, 1)
    ON CONFLICT(shop_id, queue) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER orders_count_del AFTER DELETE ON orders BEGIN
  UPDATE order_counts SET n = n - 1 WHERE shop_id = OLD.shop_id AND queue = OLD.queue;
END;
CREATE TRIGGER orders_count_upd AFTER UPDATE OF queue, shop_id ON orders
  WHEN OLD.queue IS NOT NEW.queue OR OLD.shop_id IS NOT NEW.shop_id BEGIN
  UPDATE order_counts SET n = n - 1 WHERE shop_id = OLD.shop_id AND queue = OLD.queue;
  INSERT INTO order_counts(shop_id, queue, n) VALUES (NEW.shop_id, NEW.queue, 1)
    ON CONFLICT(shop_id, queue) DO UPDATE SET n = n + 1;
END;

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL CHECK (json_valid(value))
) STRICT;
`;
