-- Early-warning reports (deteksi dini): reports, their timeline, categories and deadlines per regency.

-- Regency-specific categories, and retirements of built-in ones (a row with labels NULL).
-- Built-in categories live in code (src/domain/categories.ts); their labels in the catalogs.
CREATE TABLE report_categories (
  regency_code TEXT NOT NULL REFERENCES regions (code),
  code         TEXT NOT NULL,
  label_id     TEXT,
  label_en     TEXT,
  created_at   TEXT NOT NULL,
  retired_at   TEXT,
  PRIMARY KEY (regency_code, code)
) STRICT;

-- Acknowledgement deadlines per regency; defaults apply where no row exists.
CREATE TABLE regency_settings (
  regency_code    TEXT PRIMARY KEY REFERENCES regions (code),
  awas_ack_hours  INTEGER NOT NULL CHECK (awas_ack_hours BETWEEN 1 AND 720),
  siaga_ack_hours INTEGER NOT NULL CHECK (siaga_ack_hours BETWEEN 1 AND 720),
  updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE reports (
  id              TEXT PRIMARY KEY,
  client_id       TEXT,
  reporter_id     TEXT NOT NULL REFERENCES users (id),
  -- The village and, denormalised for the indexes, its district and regency.
  village_code    TEXT NOT NULL REFERENCES regions (code),
  district_code   TEXT NOT NULL,
  regency_code    TEXT NOT NULL,
  category        TEXT NOT NULL,
  alert_level     TEXT NOT NULL CHECK (alert_level IN ('normal', 'waspada', 'siaga', 'awas')),
  -- 0 normal, 1 waspada, 2 siaga, 3 awas: "at least" filters compare ranks.
  alert_rank      INTEGER NOT NULL CHECK (alert_rank BETWEEN 0 AND 3),
  title           TEXT NOT NULL,
  description     TEXT NOT NULL,
  -- UTC, ISO 8601 with milliseconds and Z, so text order is time order.
  occurred_at     TEXT NOT NULL,
  latitude        REAL,
  longitude       REAL,
  restricted      INTEGER NOT NULL CHECK (restricted IN (0, 1)),
  status          TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'in_progress', 'resolved')),
  version         INTEGER NOT NULL,
  -- Set for siaga/awas: acknowledge before this time or the report is overdue.
  ack_due_at      TEXT,
  acknowledged_at TEXT,
  -- The id of the event that made the current version; later statements of a batch test it.
  last_event_id   TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (reporter_id, client_id)
) STRICT;
CREATE INDEX reports_regency_time ON reports (regency_code, occurred_at, id);
CREATE INDEX reports_district_time ON reports (district_code, occurred_at, id);
CREATE INDEX reports_village_time ON reports (village_code, occurred_at, id);
CREATE INDEX reports_attention ON reports (regency_code, status, alert_rank, ack_due_at);

-- The timeline: comments and status changes, append-only.
CREATE TABLE report_events (
  -- Insertion order: events of one report can share a millisecond.
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  report_id   TEXT NOT NULL REFERENCES reports (id),
  type        TEXT NOT NULL CHECK (type IN ('comment', 'status')),
  status      TEXT CHECK (status IN ('new', 'acknowledged', 'in_progress', 'resolved')),
  note        TEXT NOT NULL,
  author_id   TEXT NOT NULL REFERENCES users (id),
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX report_events_report ON report_events (report_id, seq);

CREATE TRIGGER report_events_no_update BEFORE UPDATE ON report_events
BEGIN
  SELECT RAISE(ABORT, 'report_events is append-only');
END;
CREATE TRIGGER report_events_no_delete BEFORE DELETE ON report_events
BEGIN
  SELECT RAISE(ABORT, 'report_events is append-only');
END;
