-- The regency's logo at the head of its minutes, base64 with its image type (empty: none).
ALTER TABLE regency_settings ADD COLUMN letterhead_logo TEXT NOT NULL DEFAULT '';
ALTER TABLE regency_settings ADD COLUMN letterhead_logo_type TEXT NOT NULL DEFAULT '';
