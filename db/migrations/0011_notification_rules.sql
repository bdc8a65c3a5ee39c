-- Who hears a filing at once, as a regency tunes it above the defaults (never below what is
-- mandatory: an awas filing reaches every overseer at once whatever is set): siaga filings to the
-- regency's overseers too, and waspada ones to the district's, rather than in the daily summary.
ALTER TABLE regency_settings ADD COLUMN siaga_to_regency INTEGER NOT NULL DEFAULT 0 CHECK (siaga_to_regency IN (0, 1));
ALTER TABLE regency_settings ADD COLUMN waspada_to_district INTEGER NOT NULL DEFAULT 0 CHECK (waspada_to_district IN (0, 1));
