-- When an account's password was last set by a change or an administrator's reset (NULL: as created). Tokens issued
-- and web sessions signed in before it no longer authenticate: a password changed because it was seen ends the
-- sessions of whoever saw it.
ALTER TABLE app_user ADD COLUMN password_changed_at DATETIME(3) NULL;
