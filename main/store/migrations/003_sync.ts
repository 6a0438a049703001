/**
 * Platform sync: a cursor and health record per shop, errors an adapter could not map (kept with the payload), and
 * the outbox of write-backs (tracking numbers, after-sales actions) sent with retries.
 */
export const name = 'sync';
export const sql = /* sql */ `
CREATE TABLE sync_state (
  shop_id              INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
  -- Everything the platform changed before this time is stored (epoch ms); null until the first sync completes.
  watermark            INTEGER,
  last_attempt_at      INTEGER,
  last_success_at      INTEGER,
  last_error           TEXT,
  last_error_kind      TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  orders_seen          INTEGER NOT NULL DEFAULT 0,
  next_run_at          INTEGER
) STRICT;

CREATE TABLE sync_errors (
  id                 INTEGER PRIMARY KEY,
  shop_id            INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  platform_order_id  TEXT,
  message            TEXT NOT NULL,
  raw                TEXT,
  at                 INTEGER NOT NULL,
  resolved_at        INTEGER
) STRICT;
CREATE INDEX sync_errors_open ON sync_errors(shop_id, at) WHERE resolved_at IS NULL;

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  shop_id          INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  order_id         INTEGER REFERENCES orders(id) ON DELETE SET NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('ship')),
  -- One write-back per fact: shipping the same order with the same tracking twice queues one job.
  dedupe_key       TEXT NOT NULL UNIQUE,
  payload          TEXT NOT NULL CHECK (json_valid(payload)),
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sending','done','failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  result           TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  done_at          INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_order ON outbox(order_id);
`;
