-- Old audit entries, moved out of audit_log by `npm run cli -- audit:archive --before DATE`: each
-- row a segment holding every audit_log entry with an id from first_id to last_id, as gzip-compressed
-- JSON lines in id order (a tenth of their size in the log, and no index entries). Append-only.
CREATE TABLE audit_archive (
  id          INTEGER PRIMARY KEY,
  first_id    INTEGER NOT NULL,
  last_id     INTEGER NOT NULL,
  first_at    TEXT NOT NULL,
  last_at     TEXT NOT NULL,
  entries     INTEGER NOT NULL,
  body        BLOB NOT NULL,
  archived_at TEXT NOT NULL,
  CHECK (first_id <= last_id)
) STRICT;
CREATE UNIQUE INDEX audit_archive_last ON audit_archive (last_id);

CREATE TRIGGER audit_archive_no_update BEFORE UPDATE ON audit_archive
BEGIN
  SELECT RAISE(ABORT, 'audit_archive is append-only');
END;
CREATE TRIGGER audit_archive_no_delete BEFORE DELETE ON audit_archive
BEGIN
  SELECT RAISE(ABORT, 'audit_archive is append-only');
END;

-- The log stays append-only, with one way out: an entry a segment already holds may leave it
-- (the segment and the deletion are one atomic unit).
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM audit_archive WHERE audit_archive.last_id >= old.id AND audit_archive.first_id <= old.id)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: an entry leaves it only into audit_archive');
END;
