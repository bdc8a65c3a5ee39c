-- A filing now sets its report's `seq` in its own INSERT. The insert trigger of migration 0014 set
-- it with an UPDATE of the row just written: a second write of every new report, of its seq index
-- entry, and a pass through the filed-fixed trigger, on the path every filing takes. The trigger
-- still numbers a report inserted without a `seq` (a bulk load, an older client of the schema).
DROP TRIGGER reports_search_insert;
CREATE TRIGGER reports_search_insert AFTER INSERT ON reports
BEGIN
  UPDATE reports SET seq = (SELECT coalesce(max(seq), 0) + 1 FROM reports) WHERE new.seq IS NULL AND rowid = new.rowid;
  INSERT INTO report_search (rowid, title, description, place)
  SELECT seq, new.title, new.description,
         'p' || substr(new.regency_code, 1, 2) || ' r' || replace(new.regency_code, '.', '') ||
         ' d' || replace(new.district_code, '.', '') || ' v' || replace(new.village_code, '.', '')
  FROM reports WHERE rowid = new.rowid;
END;
