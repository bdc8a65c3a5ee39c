-- From this migration on, a report's filing, comments and status changes are audited by their own
-- rows alone: the report's row (what was filed stays as filed), its photos and its append-only
-- timeline hold who, when and what changed, and `audit:show` reads the entries from them
-- (src/domain/report-audit.ts). The audit log held each of those facts a second time: 55% of it.
--
-- And two indexes that cost every report bytes for rows no query reads through them.
--
-- audit_log_actor: nothing looks the audit log up by actor; an inquiry reads an entity's trail
-- (`npm run cli -- audit:show`). Its entries came in actor order, not id order, so its pages stayed
-- half full: about 86 bytes per report.
DROP INDEX audit_log_actor;

-- reports_attention held every report for what needs attention: the open siaga and awas reports
-- awaiting acknowledgement, a few dozen of a regency's hundreds of thousands. It now holds those
-- alone. Queries say its condition in literals (`awaitingAcknowledgementIn`), so SQLite matches them
-- to it; its columns repeat the condition, so SQLite prefers it before it has statistics as well.
DROP INDEX reports_attention;
CREATE INDEX reports_attention ON reports (regency_code, status, alert_rank, ack_due_at) WHERE status = 'new' AND alert_rank >= 2;

-- Report lists page newest first with `seq` breaking ties of the same time, not `id`: a number of
-- a few bytes in each entry of the three time indexes instead of 36 characters.
DROP INDEX reports_regency_time;
DROP INDEX reports_district_time;
DROP INDEX reports_village_time;
CREATE INDEX reports_regency_time ON reports (regency_code, occurred_at, seq);
CREATE INDEX reports_district_time ON reports (district_code, occurred_at, seq);
CREATE INDEX reports_village_time ON reports (village_code, occurred_at, seq);
-- A drafted agenda's open siaga and awas reports since the last meeting: a regency's or district's
-- own index of them (a few in a hundred reports). The time indexes, narrower now, are what SQLite
-- took for them otherwise before it has statistics: every report of the period.
CREATE INDEX reports_regency_open_alerts ON reports (regency_code, occurred_at) WHERE alert_rank >= 2 AND status != 'resolved';
CREATE INDEX reports_district_open_alerts ON reports (district_code, occurred_at) WHERE alert_rank >= 2 AND status != 'resolved';

-- The word index without positions (detail = none) or column sizes: a search asks whether every
-- word is in a report, never for a phrase, a column or a rank. A third of the size it was.
-- Without columns to tell them apart, a report's region codes are words no text can hold: each
-- begins with U+E000, a private-use character, which the search box's words never contain
-- (`searchMatch` splits on it), so a search for "r3510" finds the text, not the place.
DROP TRIGGER reports_search_insert;
DROP TABLE report_search;
CREATE VIRTUAL TABLE report_search USING fts5 (
  title, description, place,
  content = '',
  detail = none,
  columnsize = 0,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO report_search (rowid, title, description, place)
SELECT seq, title, description,
       char(57344) || 'p' || substr(regency_code, 1, 2) || ' ' || char(57344) || 'r' || replace(regency_code, '.', '') ||
       ' ' || char(57344) || 'd' || replace(district_code, '.', '') || ' ' || char(57344) || 'v' || replace(village_code, '.', '')
FROM reports;

CREATE TRIGGER reports_search_insert AFTER INSERT ON reports
BEGIN
  UPDATE reports SET seq = (SELECT coalesce(max(seq), 0) + 1 FROM reports) WHERE new.seq IS NULL AND rowid = new.rowid;
  INSERT INTO report_search (rowid, title, description, place)
  SELECT seq, new.title, new.description,
         char(57344) || 'p' || substr(new.regency_code, 1, 2) || ' ' || char(57344) || 'r' || replace(new.regency_code, '.', '') ||
         ' ' || char(57344) || 'd' || replace(new.district_code, '.', '') || ' ' || char(57344) || 'v' || replace(new.village_code, '.', '')
  FROM reports WHERE rowid = new.rowid;
END;
