-- Quarterly Rakor: meetings, participants and attendance, agenda, minutes, action items,
-- the planning rule and public holidays per regency.

-- When a regency holds its quarterly Rakor (default: second Tuesday of the quarter's first
-- month, 09:00–12:00 local time); regencies without a row use the default.
CREATE TABLE rakor_rules (
  regency_code TEXT PRIMARY KEY REFERENCES regions (code),
  week         INTEGER NOT NULL CHECK (week BETWEEN 1 AND 4),
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 5), -- 1 Monday … 5 Friday
  start_time   TEXT NOT NULL,                                     -- HH:MM local
  end_time     TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

-- Public holidays change every year by decree (SKB 3 Menteri), so they are data.
CREATE TABLE holidays (
  regency_code TEXT NOT NULL REFERENCES regions (code),
  date         TEXT NOT NULL, -- YYYY-MM-DD, local
  name         TEXT NOT NULL,
  PRIMARY KEY (regency_code, date)
) STRICT;

CREATE TABLE meetings (
  id            TEXT PRIMARY KEY,
  scope_code    TEXT NOT NULL REFERENCES regions (code),
  kind          TEXT NOT NULL CHECK (kind IN ('quarterly', 'extraordinary')),
  title         TEXT NOT NULL,
  starts_at     TEXT NOT NULL, -- UTC ISO
  ends_at       TEXT NOT NULL,
  venue         TEXT NOT NULL,
  online_url    TEXT,
  description   TEXT NOT NULL,
  visibility    TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
  status        TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled')),
  sequence      INTEGER NOT NULL,
  cancel_reason TEXT,
  -- Set on meetings made by the quarterly plan: one per scope and quarter.
  plan_year     INTEGER,
  plan_quarter  INTEGER,
  created_by    TEXT REFERENCES users (id),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (scope_code, plan_year, plan_quarter)
) STRICT;
CREATE INDEX meetings_scope_time ON meetings (scope_code, starts_at);

CREATE TABLE meeting_participants (
  meeting_id     TEXT NOT NULL REFERENCES meetings (id),
  user_id        TEXT NOT NULL REFERENCES users (id),
  -- The unit the participant stands for (its scope when invited) and its pillar.
  region_code    TEXT NOT NULL,
  pillar         TEXT NOT NULL CHECK (pillar IN ('government', 'military', 'police')),
  attendance     TEXT NOT NULL CHECK (attendance IN ('unmarked', 'present', 'absent', 'represented')),
  representative TEXT,
  PRIMARY KEY (meeting_id, user_id)
) STRICT;
CREATE INDEX meeting_participants_user ON meeting_participants (user_id, meeting_id);

CREATE TABLE agenda_items (
  id             TEXT PRIMARY KEY,
  meeting_id     TEXT NOT NULL REFERENCES meetings (id),
  position       INTEGER NOT NULL,
  title          TEXT NOT NULL,
  notes          TEXT NOT NULL,
  -- Where a drafted item came from; manual items have none of these.
  report_id      TEXT REFERENCES reports (id),
  action_item_id TEXT,
  hotspot_code   TEXT
) STRICT;
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

CREATE TABLE minutes (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings (id),
  summary    TEXT NOT NULL,
  decisions  TEXT NOT NULL,
  text       TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users (id),
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE action_items (
  id                  TEXT PRIMARY KEY,
  meeting_id          TEXT NOT NULL REFERENCES meetings (id),
  scope_code          TEXT NOT NULL, -- the meeting's scope: open items carry over within it
  description         TEXT NOT NULL,
  responsible_pillar  TEXT NOT NULL CHECK (responsible_pillar IN ('government', 'military', 'police')),
  responsible_user_id TEXT REFERENCES users (id),
  due_date            TEXT NOT NULL, -- YYYY-MM-DD, local
  status              TEXT NOT NULL CHECK (status IN ('open', 'done')),
  report_id           TEXT REFERENCES reports (id),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX action_items_scope ON action_items (scope_code, status, due_date);
CREATE INDEX action_items_meeting ON action_items (meeting_id);
