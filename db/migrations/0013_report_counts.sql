-- Counts the dashboards read instead of grouping every report a region ever had. Kept up to date
-- in the same atomic unit as every write that changes them (filing, status changes); rebuilt from
-- the reports by `npm run cli -- reports:recount` after a bulk load.
--
-- Reports per region (each report counts in its village, its district and its regency), month of
-- occurrence in the village's local time ('2026-11'), level and category. A regency's quarter is
-- at most 3 months × 4 levels × its categories rows of its own, and as many per district for the
-- table by district, however long its history.
CREATE TABLE report_counts (
  region_code TEXT NOT NULL,
  month TEXT NOT NULL,
  alert_level TEXT NOT NULL,
  category TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (region_code, month, alert_level, category)
) WITHOUT ROWID;

-- Reports per region (village, district, regency) and current status.
CREATE TABLE report_status_counts (
  region_code TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (region_code, status)
) WITHOUT ROWID;

INSERT INTO report_counts (region_code, month, alert_level, category, n)
WITH dated AS (
  SELECT reports.village_code, reports.district_code, reports.regency_code, reports.alert_level, reports.category,
         strftime('%Y-%m', reports.occurred_at,
           CASE regions.timezone WHEN 'Asia/Makassar' THEN '+8 hours' WHEN 'Asia/Jayapura' THEN '+9 hours' ELSE '+7 hours' END) AS month
  FROM reports JOIN regions ON regions.code = reports.village_code
)
SELECT village_code, month, alert_level, category, COUNT(*) FROM dated GROUP BY 1, 2, 3, 4
UNION ALL SELECT district_code, month, alert_level, category, COUNT(*) FROM dated GROUP BY 1, 2, 3, 4
UNION ALL SELECT regency_code, month, alert_level, category, COUNT(*) FROM dated GROUP BY 1, 2, 3, 4;

INSERT INTO report_status_counts (region_code, status, n)
SELECT village_code, status, COUNT(*) FROM reports GROUP BY 1, 2
UNION ALL SELECT district_code, status, COUNT(*) FROM reports GROUP BY 1, 2
UNION ALL SELECT regency_code, status, COUNT(*) FROM reports GROUP BY 1, 2;

-- Hotspots look at the last 120 days of reports above normal, by village: these partial indexes
-- hold everything that query reads, so it never visits the reports themselves.
CREATE INDEX reports_regency_above_normal ON reports (regency_code, occurred_at, village_code, alert_rank) WHERE alert_rank >= 1;
CREATE INDEX reports_district_above_normal ON reports (district_code, occurred_at, village_code, alert_rank) WHERE alert_rank >= 1;
