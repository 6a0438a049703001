/**
 * Order file imports: the seller's saved column mappings for generic CSV/XLSX files, and a record of every committed
 * import (which files, which shop, what it did) so "where did these orders come from?" has an answer.
 */
export const name = 'imports';
export const sql = /* sql */ `
CREATE TABLE import_presets (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
  mapping     TEXT NOT NULL CHECK (json_valid(mapping)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE import_runs (
  id            INTEGER PRIMARY KEY,
  job_id        TEXT NOT NULL UNIQUE,
  shop_id       INTEGER NOT NULL REFERENCES shops(id),
  -- [{name, format, encoding, rows, bytes}]
  files         TEXT NOT NULL CHECK (json_valid(files)),
  created       INTEGER NOT NULL,
  updated       INTEGER NOT NULL,
  unchanged     INTEGER NOT NULL,
  invalid       INTEGER NOT NULL,
  actor         TEXT NOT NULL,
  committed_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX import_runs_shop ON import_runs(shop_id, committed_at);
`;
