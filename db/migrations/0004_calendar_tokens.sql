-- Private calendar feed tokens ("Kalender saya"); only the SHA-256 of a token is stored.
CREATE TABLE calendar_tokens (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX calendar_tokens_user ON calendar_tokens (user_id);
