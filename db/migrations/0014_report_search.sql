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

-- A contentless index cannot take a word back, and nothing changes a filed report's text or place.
-- (The insert trigger's own UPDATE sets a NULL seq, which this leaves alone.)
CREATE TRIGGER reports_search_fixed BEFORE UPDATE OF title, description, village_code, district_code, regency_code, seq ON reports
WHEN old.seq IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a report''s text, place and seq are fixed once filed');
END;
