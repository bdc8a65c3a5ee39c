-- Photos attached to a report when it is filed (event_id NULL) or to a comment on it. The image
-- files live outside the database (a directory on Node, R2 on Workers) under keys made of the id;
-- the row holds what a page needs to lay them out and the upload's digest, so a retry under the
-- same client_id can be told from another report.
CREATE TABLE report_photos (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports (id),
  event_id TEXT REFERENCES report_events (id),
  uploader_id TEXT NOT NULL REFERENCES users (id),
  position INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  thumbnail_bytes INTEGER NOT NULL,
  upload_sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX report_photos_by_report ON report_photos (report_id, created_at, position);
