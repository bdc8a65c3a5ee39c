-- When each account last logged in (browser or API), so admins can see accounts never used.
ALTER TABLE users ADD COLUMN last_login_at TEXT;
