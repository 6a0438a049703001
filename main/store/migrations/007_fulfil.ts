/**
 * Fulfilment: stock reservations per order line (stock.reserved is their sum, kept by triggers so it can never drift
 * from them), warehouse and carrier rules, the sender details a warehouse needs on an e-waybill, and waybills —
 * every tracking number an order or parcel ever had, from whichever provider (typed in or scanned, a pre-allocated
 * pool imported from a carrier, or the Cainiao e-waybill API), with the pool itself and each carrier's provider.
 */
export const name = 'fulfil';
export const sql = /* sql */ `
-- Where a parcel leaves from goes on the e-waybill as the sender.
ALTER TABLE warehouses ADD COLUMN district TEXT;
ALTER TABLE warehouses ADD COLUMN contact_name TEXT;
ALTER TABLE warehouses ADD COLUMN contact_phone TEXT;
ALTER TABLE warehouses ADD COLUMN updated_at INTEGER;

-- One row per reserved order line: which warehouse and SKU it holds and how much. Kept per line (not recomputed from
-- the SKU mapping) so a mapping edited after allocation cannot make a release subtract the wrong SKU.
CREATE TABLE stock_reservations (
  order_line_id  INTEGER PRIMARY KEY REFERENCES order_lines(id) ON DELETE CASCADE,
  order_id       INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  warehouse_id   INTEGER NOT NULL REFERENCES warehouses(id),
  sku_id         INTEGER NOT NULL REFERENCES skus(id),
  qty            INTEGER NOT NULL CHECK (qty >= 1),
  qty_per        INTEGER NOT NULL CHECK (qty_per >= 1),
  created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX stock_reservations_order ON stock_reservations(order_id);

-- stock.reserved is the sum of the reservations' units; the triggers keep it so in the same statement.
CREATE TRIGGER stock_reservations_ins AFTER INSERT ON stock_reservations BEGIN
  UPDATE stock SET reserved = reserved + NEW.qty * NEW.qty_per WHERE warehouse_id = NEW.warehouse_id AND sku_id = NEW.sku_id;
END;
CREATE TRIGGER stock_reservations_del AFTER DELETE ON stock_reservations BEGIN
  UPDATE stock SET reserved = reserved - OLD.qty * OLD.qty_per WHERE warehouse_id = OLD.warehouse_id AND sku_id = OLD.sku_id;
END;
CREATE TRIGGER stock_reservations_upd AFTER UPDATE OF qty ON stock_reservations BEGIN
  UPDATE stock SET reserved = reserved - OLD.qty * OLD.qty_per + NEW.qty * NEW.qty_per
    WHERE warehouse_id = NEW.warehouse_id AND sku_id = NEW.sku_id;
END;

-- What each shipped line took out of stock, and from where: makes a second consume of the same units an error
-- instead of a second decrement, and tells a return which warehouse and SKU to put the units back into.
CREATE TABLE stock_shipped (
  order_line_id  INTEGER PRIMARY KEY REFERENCES order_lines(id) ON DELETE CASCADE,
  order_id       INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  warehouse_id   INTEGER NOT NULL REFERENCES warehouses(id),
  sku_id         INTEGER NOT NULL REFERENCES skus(id),
  qty            INTEGER NOT NULL CHECK (qty >= 1),
  qty_per        INTEGER NOT NULL CHECK (qty_per >= 1),
  at             INTEGER NOT NULL
) STRICT;
CREATE INDEX stock_shipped_order ON stock_shipped(order_id);

-- Approved orders waiting for stock, in the order allocation serves them; tiny (only approved orders are in it).
CREATE INDEX orders_approved ON orders(priority DESC, paid_at, id) WHERE workflow = 'approved';

-- Ordered rules: the first enabled rule whose conditions hold names the warehouse (or carrier).
CREATE TABLE warehouse_rules (
  id            INTEGER PRIMARY KEY,
  position      INTEGER NOT NULL CHECK (position >= 0),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  conditions    TEXT NOT NULL CHECK (json_valid(conditions)),
  warehouse_id  INTEGER NOT NULL REFERENCES warehouses(id),
  updated_at    INTEGER NOT NULL,
  updated_by    TEXT NOT NULL
) STRICT;

CREATE TABLE carrier_rules (
  id          INTEGER PRIMARY KEY,
  position    INTEGER NOT NULL CHECK (position >= 0),
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  conditions  TEXT NOT NULL CHECK (json_valid(conditions)),
  carrier     TEXT NOT NULL CHECK (length(carrier) BETWEEN 1 AND 20),
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;

-- How each carrier's numbers are obtained. cainiao: through the Taobao shop's TOP session (shop_id), with the
-- carrier's Cainiao cp_code, a cloud-print template and the seller's numeric user id.
CREATE TABLE waybill_carriers (
  carrier       TEXT PRIMARY KEY CHECK (length(carrier) BETWEEN 1 AND 20),
  provider      TEXT NOT NULL CHECK (provider IN ('manual','pool','cainiao')),
  shop_id       INTEGER REFERENCES shops(id),
  cp_code       TEXT,
  template_url  TEXT,
  user_id       TEXT,
  low_water     INTEGER NOT NULL DEFAULT 0 CHECK (low_water >= 0),
  updated_at    INTEGER NOT NULL,
  updated_by    TEXT NOT NULL,
  CHECK (provider <> 'cainiao' OR (shop_id IS NOT NULL AND template_url IS NOT NULL AND user_id IS NOT NULL))
) STRICT, WITHOUT ROWID;

-- Numbers a carrier handed out in advance (a list or label roll). free → taken (bound to a waybill); a taken number
-- that was never printed goes back to free; one printed and then voided is 'void' and never reused (a label with it
-- may still be on a parcel somewhere).
CREATE TABLE waybill_pool (
  id           INTEGER PRIMARY KEY,
  carrier      TEXT NOT NULL,
  tracking_no  TEXT NOT NULL CHECK (length(tracking_no) BETWEEN 4 AND 40),
  state        TEXT NOT NULL DEFAULT 'free' CHECK (state IN ('free','taken','void')),
  batch        TEXT NOT NULL,
  imported_at  INTEGER NOT NULL,
  taken_at     INTEGER,
  UNIQUE (carrier, tracking_no)
) STRICT;
CREATE INDEX waybill_pool_free ON waybill_pool(carrier, id) WHERE state = 'free';

-- Every number an order or a parcel had. Live states are allocated → printed → shipped; void (cancelled after
-- printing, or replaced by a new number) and recycled (cancelled before it was ever printed) are history.
CREATE TABLE waybills (
  id           INTEGER PRIMARY KEY,
  tracking_no  TEXT NOT NULL CHECK (length(tracking_no) BETWEEN 4 AND 40),
  carrier      TEXT NOT NULL,
  provider     TEXT NOT NULL CHECK (provider IN ('manual','pool','cainiao')),
  order_id     INTEGER REFERENCES orders(id) ON DELETE CASCADE,
  parcel_id    INTEGER REFERENCES parcels(id) ON DELETE CASCADE,
  state        TEXT NOT NULL CHECK (state IN ('allocated','printed','shipped','void','recycled')),
  -- The key the provider knows this request by (Cainiao object_id and package id): a retry after a lost answer
  -- asks with the same key and gets the same number back instead of a second one.
  attempt_key  TEXT,
  print_data   TEXT,
  reprints     INTEGER NOT NULL DEFAULT 0 CHECK (reprints >= 0),
  created_at   INTEGER NOT NULL,
  created_by   TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  printed_at   INTEGER,
  CHECK ((order_id IS NULL) <> (parcel_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX waybills_live_number ON waybills(carrier, tracking_no) WHERE state IN ('allocated','printed','shipped');
CREATE UNIQUE INDEX waybills_live_order ON waybills(order_id) WHERE order_id IS NOT NULL AND state IN ('allocated','printed','shipped');
CREATE UNIQUE INDEX waybills_live_parcel ON waybills(parcel_id) WHERE parcel_id IS NOT NULL AND state IN ('allocated','printed','shipped');
CREATE INDEX waybills_order ON waybills(order_id) WHERE order_id IS NOT NULL;
CREATE INDEX waybills_parcel ON waybills(parcel_id) WHERE parcel_id IS NOT NULL;
CREATE INDEX waybills_number ON waybills(tracking_no);
CREATE INDEX waybills_unprinted ON waybills(state) WHERE state = 'allocated';
`;
