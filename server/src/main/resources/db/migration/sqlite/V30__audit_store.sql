-- The audit store (P13, P14): runs' receipt chains, host signatures, the append-only Merkle log of
-- accepted run heads and its signed checkpoints. Apart from every product table; nothing here is
-- telemetry. Digests are lower-case hex, signatures base64, receipts their canonical JSON.

CREATE TABLE audit_run (
  run_id       TEXT PRIMARY KEY,
  host_id      TEXT NOT NULL,
  work_item_id TEXT,
  next_seq     BIGINT NOT NULL,
  head_digest  TEXT NOT NULL,
  ended        INTEGER NOT NULL,
  leaf_index   BIGINT NOT NULL,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX audit_run_by_work_item ON audit_run (work_item_id);

CREATE TABLE audit_receipt (
  run_id      TEXT NOT NULL REFERENCES audit_run (run_id),
  seq         BIGINT NOT NULL,
  type        TEXT NOT NULL,
  digest      TEXT NOT NULL,
  body        TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (run_id, seq)
);

CREATE TABLE audit_signature (
  run_id      TEXT NOT NULL REFERENCES audit_run (run_id),
  seq         BIGINT NOT NULL,
  host_id     TEXT NOT NULL,
  head_digest TEXT NOT NULL,
  signature   TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);

CREATE TABLE audit_log_leaf (
  leaf_index BIGINT PRIMARY KEY,
  run_id     TEXT NOT NULL,
  seq        BIGINT NOT NULL,
  leaf_data  TEXT NOT NULL,
  leaf_hash  TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE audit_checkpoint (
  tree_size BIGINT PRIMARY KEY,
  root_hash TEXT NOT NULL,
  signed_at BIGINT NOT NULL,
  signature TEXT NOT NULL
);

-- One row; writers lock it to take the next leaf index.
CREATE TABLE audit_log_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  tree_size BIGINT NOT NULL
);
INSERT INTO audit_log_state (id, tree_size) VALUES (1, 0);

-- Append-only: what was accepted is never changed or removed.
CREATE TRIGGER audit_receipt_no_update BEFORE UPDATE ON audit_receipt
BEGIN SELECT RAISE(ABORT, 'audit receipts are append-only'); END;
CREATE TRIGGER audit_receipt_no_delete BEFORE DELETE ON audit_receipt
BEGIN SELECT RAISE(ABORT, 'audit receipts are append-only'); END;
CREATE TRIGGER audit_signature_no_update BEFORE UPDATE ON audit_signature
BEGIN SELECT RAISE(ABORT, 'audit signatures are append-only'); END;
CREATE TRIGGER audit_signature_no_delete BEFORE DELETE ON audit_signature
BEGIN SELECT RAISE(ABORT, 'audit signatures are append-only'); END;
CREATE TRIGGER audit_log_leaf_no_update BEFORE UPDATE ON audit_log_leaf
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_leaf_no_delete BEFORE DELETE ON audit_log_leaf
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
