-- Old timelines, moved out of report_events by `npm run cli -- timeline:archive --before DATE`: the
-- events of a report resolved before the date, when all of them are older than it, as one row per
-- report holding them deflate-compressed in seq order (a third of their size as rows, and no index
-- entries). The report page and API read them back as they were. Append-only.
CREATE TABLE report_event_archive (
  report_id   TEXT NOT NULL,
  -- Every event of the report with a seq up to this one is in the body.
  last_seq    INTEGER NOT NULL,
  events      INTEGER NOT NULL,
  body        BLOB NOT NULL,
  archived_at TEXT NOT NULL,
  PRIMARY KEY (report_id, last_seq)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER report_event_archive_no_update BEFORE UPDATE ON report_event_archive
BEGIN
  SELECT RAISE(ABORT, 'report_event_archive is append-only');
END;
CREATE TRIGGER report_event_archive_no_delete BEFORE DELETE ON report_event_archive
BEGIN
  SELECT RAISE(ABORT, 'report_event_archive is append-only');
END;

-- The timeline stays append-only, with one way out: an event its report's archive row already
-- holds may leave it (the row and the deletion are one atomic unit).
DROP TRIGGER report_events_no_delete;
CREATE TRIGGER report_events_no_delete BEFORE DELETE ON report_events
WHEN NOT EXISTS (SELECT 1 FROM report_event_archive WHERE report_id = old.report_id AND last_seq >= old.seq)
BEGIN
  SELECT RAISE(ABORT, 'report_events is append-only: an event leaves it only into report_event_archive');
END;
