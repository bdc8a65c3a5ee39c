-- Notifications: what happened (events), who hears it in the app (the inbox), what is still to be
-- sent elsewhere (the outbox of deliveries), and where and when each user wants to hear it.

-- The language a user reads the app in, so messages sent while they are away speak it too.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en'));

-- Reminder before a Rakor starts, in hours (0: none); the H-3 and H-1 reminders at 07:00 are fixed.
ALTER TABLE regency_settings ADD COLUMN reminder_hours INTEGER NOT NULL DEFAULT 2 CHECK (reminder_hours BETWEEN 0 AND 72);

-- One row per thing worth telling: its id is built from what it is about (`report.overdue:<id>:2`,
-- `meeting.reminder:<id>:h-1`), so a scheduler that runs again, or twice at once, finds it made.
CREATE TABLE notification_events (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  -- The report's village, the meeting's or action item's scope, the summary's scope.
  region_code TEXT NOT NULL,
  subject_id  TEXT,
  mandatory   INTEGER NOT NULL CHECK (mandatory IN (0, 1)),
  -- A restricted report's words never leave the server on an external channel.
  restricted  INTEGER NOT NULL CHECK (restricted IN (0, 1)),
  -- What the message says, as facts; words are chosen in each recipient's language when shown or sent.
  params_json TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;

-- The in-app inbox: every recipient of every event, always.
CREATE TABLE notifications (
  id         TEXT PRIMARY KEY,
  event_id   TEXT NOT NULL REFERENCES notification_events (id),
  user_id    TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  read_at    TEXT,
  UNIQUE (event_id, user_id)
) STRICT;
CREATE INDEX notifications_user ON notifications (user_id, created_at, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- The outbox: one row per event, channel and destination, written with the event; a sender claims
-- due rows with a conditional UPDATE, sends, and records the outcome.
CREATE TABLE notification_deliveries (
  id              TEXT PRIMARY KEY,
  event_id        TEXT NOT NULL REFERENCES notification_events (id),
  channel         TEXT NOT NULL CHECK (channel IN ('push', 'whatsapp', 'webhook')),
  -- The recipient; null for a webhook.
  user_id         TEXT REFERENCES users (id),
  -- A push subscription's id, a WhatsApp number, a webhook's id.
  target          TEXT NOT NULL,
  -- The event's region, for the admins' delivery log within their scope.
  region_code     TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  claim           TEXT,
  claimed_until   TEXT,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (event_id, channel, target)
) STRICT;
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_deliveries_claim ON notification_deliveries (claim) WHERE claim IS NOT NULL;
CREATE INDEX notification_deliveries_log ON notification_deliveries (region_code, created_at);

-- Where and when a user wants to hear things; no row: the defaults.
CREATE TABLE notification_settings (
  user_id                  TEXT PRIMARY KEY REFERENCES users (id),
  -- {kind: [channel, …]} for the kinds the user chose; the others follow the defaults.
  preferences_json         TEXT NOT NULL,
  quiet_start              TEXT NOT NULL, -- HH:MM local
  quiet_end                TEXT NOT NULL,
  -- E.164, e.g. +6281234567890; used only once verified.
  whatsapp_number          TEXT,
  whatsapp_verified        INTEGER NOT NULL CHECK (whatsapp_verified IN (0, 1)),
  whatsapp_code_hash       TEXT,
  whatsapp_code_expires_at TEXT,
  whatsapp_code_attempts   INTEGER NOT NULL,
  updated_at               TEXT NOT NULL
) STRICT;

-- Web Push subscriptions, one per device (a device signed in as someone else moves to them).
CREATE TABLE push_subscriptions (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id),
  endpoint   TEXT NOT NULL UNIQUE,
  p256dh     TEXT NOT NULL,
  auth       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- A regency's signed webhooks. The signing secret is derived from the installation's secret, the
-- webhook's id and its generation, so it is stored nowhere; rotating bumps the generation, and the
-- previous secret also signs until `previous_until`.
CREATE TABLE webhooks (
  id             TEXT PRIMARY KEY,
  regency_code   TEXT NOT NULL REFERENCES regions (code),
  url            TEXT NOT NULL,
  -- ",report.filed,meeting.cancelled," so one instr() finds a kind.
  events         TEXT NOT NULL,
  generation     INTEGER NOT NULL,
  previous_until TEXT,
  created_by     TEXT REFERENCES users (id),
  created_at     TEXT NOT NULL,
  removed_at     TEXT
) STRICT;
CREATE INDEX webhooks_regency ON webhooks (regency_code) WHERE removed_at IS NULL;

-- What the scheduler looks for on every pass.
CREATE INDEX reports_awaiting_ack ON reports (ack_due_at) WHERE status = 'new';
CREATE INDEX meetings_upcoming ON meetings (starts_at) WHERE status = 'scheduled';
CREATE INDEX action_items_open_due ON action_items (due_date) WHERE status = 'open';
