-- Foundation: regions, accounts, sessions, API tokens, login throttling, audit log, settings.
-- Applied by `wrangler d1 migrations apply` on D1 and by src/db/migrate.ts on SQLite;
-- both record progress in the same `d1_migrations` table.

CREATE TABLE regions (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('province', 'regency', 'district', 'village')),
  parent_code TEXT REFERENCES regions (code),
  timezone    TEXT NOT NULL CHECK (timezone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'))
) STRICT;
CREATE INDEX regions_parent ON regions (parent_code, code);

CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name                 TEXT NOT NULL,
  role                 TEXT NOT NULL CHECK (role IN ('reporter', 'reviewer', 'admin')),
  pillar               TEXT NOT NULL CHECK (pillar IN ('government', 'military', 'police')),
  scope_code           TEXT NOT NULL REFERENCES regions (code),
  position             TEXT,
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
) STRICT;
CREATE INDEX users_scope ON users (scope_code, username);
CREATE INDEX users_role ON users (role, active);

-- Browser sessions; only the SHA-256 of the random session id is stored.
CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id),
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- API bearer tokens; only the SHA-256 of the token is stored.
CREATE TABLE api_tokens (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id),
  token_hash  TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed logins counted per key ("user:<name>" or "ip:<address>") in a fixed window.
CREATE TABLE login_failures (
  key             TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  window_start_at TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Append-only: the triggers below refuse any change to a written row.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  actor_id    TEXT,
  action      TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id   TEXT,
  before_json TEXT,
  after_json  TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
