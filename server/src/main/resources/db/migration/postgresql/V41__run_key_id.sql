-- The vault key a byok run resolved to when it started. The model proxy serves the run with this
-- key only: a key removed and added again under the same name is another key, and the run stops
-- rather than switch to it (P11).
ALTER TABLE agent_run ADD COLUMN key_id TEXT;
