/**
 * The durable print queue. A batch is one press of "print labels / slips / pick list" at a station, bound to one
 * printer; its jobs are the documents in pick-list order. A job is committed as 'sending' before its bytes leave and
 * 'sent' after, so a job found 'sending' at startup may or may not be on paper: it becomes 'uncertain' and waits for
 * a person (reprint or mark printed) instead of being sent again. A reprint is a new job pointing at the one it
 * repeats. The partial unique indexes make two live jobs for the same document impossible, whatever the code does.
 */
export const name = 'print_queue';
export const sql = /* sql */ `
CREATE TABLE print_batches (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('label','slip','picklist')),
  station_id    INTEGER REFERENCES stations(id),
  -- Kept by name too: a printer removed in Settings leaves its batches readable (and paused, with the reason).
  printer_id    INTEGER REFERENCES printers(id) ON DELETE SET NULL,
  printer_name  TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('queued','running','paused','done','cancelled')),
  pause_reason  TEXT,
  -- Why it paused, as a code the UI translates: paper_out, not_ready, printer_error, uncertain, person, no_printer.
  pause_code    TEXT,
  total         INTEGER NOT NULL CHECK (total >= 0),
  -- Jobs no longer waiting or in flight (sent, failed, cancelled, uncertain): the progress bar.
  done          INTEGER NOT NULL DEFAULT 0 CHECK (done >= 0 AND done <= total),
  reprint       INTEGER NOT NULL DEFAULT 0 CHECK (reprint IN (0,1)),
  created_by    TEXT NOT NULL,
  operator_id   INTEGER REFERENCES operators(id),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  started_at    INTEGER,
  finished_at   INTEGER,
  CHECK ((state = 'paused') = (pause_reason IS NOT NULL))
) STRICT;
CREATE INDEX print_batches_active ON print_batches(printer_id, id) WHERE state IN ('queued','running');
CREATE INDEX print_batches_created ON print_batches(created_at);

CREATE TABLE print_jobs (
  id            INTEGER PRIMARY KEY,
  batch_id      INTEGER NOT NULL REFERENCES print_batches(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL CHECK (seq >= 1),
  kind          TEXT NOT NULL CHECK (kind IN ('label','slip','picklist')),
  -- One document: an order's, or a parcel's (merged orders, or one part of a split order); a pick list has neither.
  order_id      INTEGER REFERENCES orders(id) ON DELETE CASCADE,
  parcel_id     INTEGER REFERENCES parcels(id) ON DELETE CASCADE,
  -- The orders the document covers (re-checked before it is sent).
  order_ids     TEXT NOT NULL CHECK (json_valid(order_ids) AND json_type(order_ids) = 'array'),
  -- How the job names itself on screen: "order 3619…", "parcel 12 (orders …)".
  title         TEXT NOT NULL,
  waybill_id    INTEGER REFERENCES waybills(id) ON DELETE SET NULL,
  carrier       TEXT,
  tracking_no   TEXT,
  state         TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sending','sent','failed','cancelled','uncertain')),
  attempts      INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error    TEXT,
  reprint_of    INTEGER REFERENCES print_jobs(id) ON DELETE SET NULL,
  -- An uncertain job's decision: 'confirmed' (a person saw it printed: state becomes sent) or 'reprinted'
  -- (a reprint job was made; the state stays uncertain, which is the truth about this job).
  resolution    TEXT CHECK (resolution IN ('confirmed','reprinted')),
  resolved_by   TEXT,
  resolved_at   INTEGER,
  -- What went to the printer (never the bytes: a label carries the buyer's address).
  bytes_sha256  TEXT CHECK (bytes_sha256 IS NULL OR length(bytes_sha256) = 64),
  bytes_len     INTEGER,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  sent_at       INTEGER,
  UNIQUE (batch_id, seq),
  CHECK (order_id IS NULL OR parcel_id IS NULL),
  CHECK (kind = 'picklist' OR order_id IS NOT NULL OR parcel_id IS NOT NULL),
  CHECK (state <> 'sent' OR sent_at IS NOT NULL)
) STRICT;
CREATE INDEX print_jobs_next ON print_jobs(batch_id, state, seq);
CREATE INDEX print_jobs_order ON print_jobs(order_id, kind) WHERE order_id IS NOT NULL;
CREATE INDEX print_jobs_parcel ON print_jobs(parcel_id, kind) WHERE parcel_id IS NOT NULL;
CREATE INDEX print_jobs_attention ON print_jobs(state) WHERE state IN ('sending','uncertain','failed');
CREATE INDEX print_jobs_reprint ON print_jobs(reprint_of) WHERE reprint_of IS NOT NULL;
-- At most one job per document waiting or in flight: a double click, two stations or a resumed batch can never queue
-- the same label twice.
CREATE UNIQUE INDEX print_jobs_live_order ON print_jobs(order_id, kind) WHERE order_id IS NOT NULL AND state IN ('queued','sending');
CREATE UNIQUE INDEX print_jobs_live_parcel ON print_jobs(parcel_id, kind) WHERE parcel_id IS NOT NULL AND state IN ('queued','sending');
`;
