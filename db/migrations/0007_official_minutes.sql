-- What official minutes (notulen) print: rank and NRP/NIP under a signature, the regency's
-- letterhead, and each meeting's document number, chair and minute-taker.
ALTER TABLE users ADD COLUMN rank TEXT;
ALTER TABLE users ADD COLUMN id_number TEXT;
ALTER TABLE regency_settings ADD COLUMN letterhead_office TEXT NOT NULL DEFAULT '';
ALTER TABLE regency_settings ADD COLUMN letterhead_address TEXT NOT NULL DEFAULT '';
ALTER TABLE minutes ADD COLUMN document_number TEXT NOT NULL DEFAULT '';
ALTER TABLE minutes ADD COLUMN chair_id TEXT REFERENCES users (id);
ALTER TABLE minutes ADD COLUMN minute_taker_id TEXT REFERENCES users (id);
