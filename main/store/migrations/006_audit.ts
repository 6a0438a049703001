/**
 * Audit: ordered rules and the settings of the built-in checks, the blacklist, each order's latest audit result
 * (which checks and rules fired, for "why"), the first outcome per order for the auto-approval KPI, order tags,
 * and parcels — what merge and split produce: one parcel holding lines of several orders (merge), or an order's
 * lines spread over several parcels (split). Each order keeps its own platform write-back.
 */
export const name = 'audit';
export const sql = /* sql */ `
CREATE TABLE audit_rules (
  id          INTEGER PRIMARY KEY,
  position    INTEGER NOT NULL CHECK (position >= 0),
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  conditions  TEXT NOT NULL CHECK (json_valid(conditions)),
  actions     TEXT NOT NULL CHECK (json_valid(actions)),
  stop        INTEGER NOT NULL DEFAULT 0 CHECK (stop IN (0,1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;
CREATE INDEX audit_rules_position ON audit_rules(position);

-- One row per built-in check the seller changed; a missing row means the check's defaults.
CREATE TABLE audit_checks (
  check_name  TEXT PRIMARY KEY,
  enabled     INTEGER NOT NULL CHECK (enabled IN (0,1)),
  outcome     TEXT NOT NULL CHECK (outcome IN ('review','hold')),
  params      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
  updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Values are stored normalized (trimmed, lower-cased, phone digits only) so a lookup is an equality.
CREATE TABLE audit_blacklist (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('buyer','phone','address')),
  value       TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
  note        TEXT,
  created_at  INTEGER NOT NULL,
  created_by  TEXT NOT NULL,
  UNIQUE (kind, value)
) STRICT;

-- The latest evaluation of an order: outcome and findings (JSON array of AuditFinding). evaluated_at is compared
-- with orders.updated_at to find orders that changed since their last audit.
CREATE TABLE audit_results (
  order_id      INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  outcome       TEXT NOT NULL CHECK (outcome IN ('approve','review','hold')),
  findings      TEXT NOT NULL CHECK (json_valid(findings)),
  evaluated_at  INTEGER NOT NULL,
  rules_version INTEGER NOT NULL
) STRICT;

-- The first outcome each order reached, and whether a person or the rules decided it: the KPI counts these by day.
CREATE TABLE audit_outcomes (
  order_id    INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  day         TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('approve','review','hold')),
  rule_id     INTEGER,
  checks      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(checks)),
  rules       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rules)),
  decided_at  INTEGER NOT NULL,
  -- 'person' once someone decided the order (then it is not an auto-approval, whatever the rules said first).
  decided_by  TEXT NOT NULL DEFAULT 'auto' CHECK (decided_by IN ('auto','person'))
) STRICT;
CREATE INDEX audit_outcomes_day ON audit_outcomes(day);

CREATE TABLE order_tags (
  order_id  INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  tag       TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 30),
  PRIMARY KEY (order_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX order_tags_tag ON order_tags(tag);

-- Buyer search stays a prefix range on the first column; placed_at behind it lets the duplicate-order check read
-- only one buyer's orders inside its time window instead of all of them.
DROP INDEX orders_buyer_nick;
DROP INDEX orders_buyer_name;
CREATE INDEX orders_buyer_nick ON orders(buyer_nick COLLATE NOCASE, placed_at) WHERE buyer_nick IS NOT NULL;
CREATE INDEX orders_buyer_name ON orders(buyer_name COLLATE NOCASE, placed_at) WHERE buyer_name IS NOT NULL;

-- Set by rules (set_priority / set_warehouse); carrier already has its column.
ALTER TABLE orders ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN warehouse_id INTEGER REFERENCES warehouses(id);

CREATE TABLE parcels (
  id           INTEGER PRIMARY KEY,
  shop_id      INTEGER NOT NULL REFERENCES shops(id),
  kind         TEXT NOT NULL CHECK (kind IN ('merged','split')),
  state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','printed','verified','shipped','cancelled')),
  carrier      TEXT,
  tracking_no  TEXT,
  created_at   INTEGER NOT NULL,
  created_by   TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  shipped_at   INTEGER
) STRICT;
CREATE INDEX parcels_tracking ON parcels(tracking_no) WHERE tracking_no IS NOT NULL;

CREATE TABLE parcel_lines (
  parcel_id      INTEGER NOT NULL REFERENCES parcels(id) ON DELETE CASCADE,
  order_line_id  INTEGER NOT NULL REFERENCES order_lines(id) ON DELETE CASCADE,
  order_id       INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  qty            INTEGER NOT NULL CHECK (qty >= 1),
  PRIMARY KEY (parcel_id, order_line_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX parcel_lines_order ON parcel_lines(order_id, parcel_id);
`;
