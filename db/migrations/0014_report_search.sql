-- Full-text search over reports' titles and descriptions (FTS5, in better-sqlite3 and in D1).
--
-- FTS5 keys its rows by integer, and a table's implicit rowid may change on VACUUM, so reports get
-- a number of their own: `seq`, in filing order, set by the trigger below on every insert.
ALTER TABLE reports ADD COLUMN seq INTEGER;
UPDATE reports SET seq = rowid;
CREATE UNIQUE INDEX reports_seq ON reports (seq);

-- Contentless: the text stays in `reports` alone; the index holds only its tokens. unicode61 folds
-- case and removes diacritics ("Pencurian", "pencurián" and "PENCURIAN" are one word). `place`
-- carries the report's region codes as words (p35 r3510 d351001 v3510012001), so a search counts
-- its matches within a region from the index alone.
CREATE VIRTUAL TABLE report_search USING fts5 (
  title, description, place,
  content = '',
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO report_search (rowid, title, description, place)
SELECT seq, title, description,
       'p' || substr(regency_code, 1, 2) || ' r' || replace(regency_code, '.', '') || ' d' || replace(district_code, '.', '') ||
       ' v' || replace(village_code, '.', '')
FROM reports;

-- Every way a report is written (the app, the CLI, bulk loads) keeps the index in step.
CREATE TRIGGER reports_search_insert AFTER INSERT ON reports
BEGIN
  UPDATE reports SET seq = (SELECT coalesce(max(seq), 0) + 1 FROM reports) WHERE rowid = new.rowid;
  INSERT INTO report_search (rowid, title, description, place)
  SELECT seq, new.title, new.description,
         'p' || substr(new.regency_code, 1, 2) || ' r' || replace(new.regency_code, '.', '') ||
         ' d' || replace(new.district_code, '.', '') || ' v' || replace(new.village_code, '.', '')
  FROM reports WHERE rowid = new.rowid;
END;

-- What was filed stays as filed: a contentless index cannot take a word back, and the audit log
-- records a filing by reference to this row (only its status, version and their times change, each
-- change audited and in the timeline). The insert trigger's own UPDATE sets a NULL seq, which this
-- leaves alone.
CREATE TRIGGER reports_filed_fixed BEFORE UPDATE OF id, client_id, reporter_id, village_code, district_code, regency_code,
  category, alert_level, alert_rank, title, description, occurred_at, latitude, longitude, restricted, ack_due_at, created_at, seq
ON reports
WHEN old.seq IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a filed report keeps what was filed');
END;
