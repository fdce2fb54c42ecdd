-- Approval requests (P10): a paired host asks, a signed-in person decides.
-- state: pending | approved | denied | expired | cancelled. Only a conditional
-- UPDATE ... WHERE state = 'pending' moves a request out of pending, so exactly one decision wins.
CREATE TABLE approval_request (
  id            TEXT PRIMARY KEY,
  account_id    TEXT NOT NULL,
  host_id       TEXT NOT NULL,
  host_name     TEXT NOT NULL,
  work_item_id  TEXT,               -- opaque until work items exist
  run_id        TEXT NOT NULL,
  tool          TEXT NOT NULL,
  tier          TEXT NOT NULL,      -- read | write | danger
  action        TEXT NOT NULL,      -- the proposed action, scrubbed
  reason        TEXT NOT NULL,      -- the policy's reason, scrubbed
  requested_at  BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  state         TEXT NOT NULL,
  decided_at    BIGINT,
  decided_by    TEXT,               -- account id, 'host:<id>' or 'system'
  decided_by_name TEXT,             -- the username (or 'system') as shown in the history
  decided_from  TEXT,               -- browser | cli | host | system
  comment       TEXT
);
CREATE INDEX approval_request_pending ON approval_request(account_id, state, expires_at);
CREATE INDEX approval_request_host ON approval_request(host_id, state);
CREATE INDEX approval_request_run ON approval_request(run_id, state);

-- One row per transition, for the audit trail. The columns follow the receipt type
-- ApprovalRecord (request_id, proposed_action, tool, tier, reason, decided_by, device_id,
-- decided_at, decision, comment); decision is the receipt label: raised | approved | rejected |
-- expired | cancelled.
CREATE TABLE approval_record (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id      TEXT NOT NULL,
  account_id      TEXT NOT NULL,
  proposed_action TEXT NOT NULL,
  tool            TEXT NOT NULL,
  tier            TEXT NOT NULL,
  reason          TEXT NOT NULL,
  decided_by      TEXT NOT NULL,
  device_id       TEXT NOT NULL,
  decided_at      BIGINT NOT NULL,
  decision        TEXT NOT NULL,
  comment         TEXT NOT NULL
);
CREATE INDEX approval_record_request ON approval_record(request_id);

-- The live event stream, persisted so that a client reconnecting with Last-Event-ID misses
-- nothing. Ids grow monotonically in commit order (writers serialise on the event insert).
CREATE TABLE approval_event (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id  TEXT NOT NULL,
  host_id     TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  type        TEXT NOT NULL,
  data        TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
