/**
 * People and stations: operators with roles and optional PINs, adjustable role permissions, paired stations with
 * their own revocable tokens, one-time pairing codes, and order claims so two stations never work one order at once.
 * Printers and which printer each station uses for labels, slips and pick lists. Events gain the operator and station
 * that caused them.
 */
export const name = 'people_stations';
export const sql = /* sql */ `
CREATE TABLE operators (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 40),
  role          TEXT NOT NULL CHECK (role IN ('owner','reviewer','packer','after_sales')),
  pin_hash      TEXT,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  last_seen_at  INTEGER
) STRICT;

-- Permissions of the non-owner roles as the owner set them (the owner has every permission, always).
CREATE TABLE role_permissions (
  role        TEXT NOT NULL CHECK (role IN ('reviewer','packer','after_sales')),
  permission  TEXT NOT NULL,
  PRIMARY KEY (role, permission)
) STRICT, WITHOUT ROWID;

-- Defaults as of this migration (frozen here; later defaults come with later migrations).
INSERT INTO role_permissions (role, permission) VALUES
  ('reviewer','orders.view'), ('reviewer','audit.decide'), ('reviewer','print.labels'), ('reviewer','pack.verify'), ('reviewer','data.export'),
  ('packer','orders.view'), ('packer','print.labels'), ('packer','pack.verify'),
  ('after_sales','orders.view'), ('after_sales','aftersales.handle'), ('after_sales','pii.view'), ('after_sales','data.export');

CREATE TABLE stations (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  kind              TEXT NOT NULL CHECK (kind IN ('local','paired')),
  token_hash        TEXT UNIQUE,
  settings          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  last_operator_id  INTEGER REFERENCES operators(id),
  created_at        INTEGER NOT NULL,
  last_seen_at      INTEGER,
  revoked_at        INTEGER
) STRICT;
CREATE UNIQUE INDEX stations_one_local ON stations(kind) WHERE kind = 'local';

CREATE TABLE pairing_codes (
  code_hash     TEXT PRIMARY KEY,
  station_name  TEXT NOT NULL,
  created_by    INTEGER REFERENCES operators(id),
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  used_at       INTEGER,
  station_id    INTEGER REFERENCES stations(id)
) STRICT;

-- Printers ShopDesk can reach (set up in Settings; the print queue of a later version sends jobs to them), and which
-- printer each station uses for each kind of document: a station prints to its own printers.
CREATE TABLE printers (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
  transport   TEXT NOT NULL CHECK (transport IN ('tcp','os')),
  address     TEXT NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
  language    TEXT NOT NULL CHECK (language IN ('escpos','tspl','zpl','os')),
  paper       TEXT NOT NULL CHECK (paper IN ('100x150','76x130','80mm','58mm','a4')),
  settings    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE station_printers (
  station_id  INTEGER NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('label','slip','picklist')),
  printer_id  INTEGER NOT NULL REFERENCES printers(id) ON DELETE CASCADE,
  PRIMARY KEY (station_id, role)
) STRICT, WITHOUT ROWID;

-- Who is working an order right now (printing, packing, shipping). One claim per order; it lapses at expires_at.
CREATE TABLE order_claims (
  order_id     INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  station_id   INTEGER NOT NULL REFERENCES stations(id),
  operator_id  INTEGER REFERENCES operators(id),
  purpose      TEXT NOT NULL CHECK (purpose IN ('print','pack','ship')),
  claimed_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) STRICT;

ALTER TABLE events ADD COLUMN operator_id INTEGER REFERENCES operators(id);
ALTER TABLE events ADD COLUMN station_id INTEGER REFERENCES stations(id);
CREATE INDEX events_operator ON events(operator_id, at) WHERE operator_id IS NOT NULL;
`;
