-- What an agenda item was drafted from, as JSON (its kind and facts), so a reader sees the drafted
-- words in their own language while the organisers have not rewritten them; null for their own items.
ALTER TABLE agenda_items ADD COLUMN draft_json TEXT;
