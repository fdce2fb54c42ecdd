-- Work items group the runs that worked on them (issue 9). Title and description are scrubbed
-- before they are stored. created_by is the username, or 'host:<host name>' when a runner made it.
CREATE TABLE work_item (
  id           TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  description  TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE INDEX work_item_account ON work_item(account_id, created_at);

-- One agent run on one paired host. The route columns are the route record (P6): metadata only,
-- never a credential. key_name is set for byok routes only; provider and model may be unknown
-- (NULL) when the route could not be resolved. status: starting | running | waiting-approval |
-- succeeded | failed | stopped; the last three are final. stop_reason is a typed code
-- (dev.nome.core.route.StopReason). task, stop_message and current_step are scrubbed.
CREATE TABLE agent_run (
  id             TEXT PRIMARY KEY,
  work_item_id   TEXT NOT NULL REFERENCES work_item(id) ON DELETE CASCADE,
  host_id        TEXT NOT NULL,
  account_id     TEXT NOT NULL,
  route          TEXT NOT NULL,
  auth_lane      TEXT NOT NULL,     -- seat | byok
  cost_lane      TEXT NOT NULL,     -- provider-subscription | byok-metered
  provider       TEXT,
  cli            TEXT NOT NULL,     -- claude | codex | gemini, or none for NOME's own loop
  cli_version    TEXT,
  model          TEXT,
  key_name       TEXT,
  workspace      TEXT NOT NULL,
  role           TEXT NOT NULL,
  task           TEXT NOT NULL,
  status         TEXT NOT NULL,
  stop_reason    TEXT,
  stop_message   TEXT,
  current_step   TEXT,
  input_tokens   BIGINT NOT NULL DEFAULT 0,
  output_tokens  BIGINT NOT NULL DEFAULT 0,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL,
  ended_at       BIGINT
);
CREATE INDEX agent_run_work_item ON agent_run(work_item_id, created_at);
CREATE INDEX agent_run_host ON agent_run(host_id, status);

-- What a run produced (the workspace diff, logs). content is stored after the scrubber ran over
-- it; size and sha256 are of the stored (scrubbed) bytes.
CREATE TABLE run_artifact (
  run_id       TEXT NOT NULL REFERENCES agent_run(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  media_type   TEXT NOT NULL,
  size         BIGINT NOT NULL,
  sha256       TEXT NOT NULL,
  content      BLOB NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (run_id, name)
);
