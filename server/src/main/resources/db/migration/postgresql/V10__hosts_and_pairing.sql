-- Paired computers. token_hash is the SHA-256 (hex) of the device token; the token itself is never stored.
CREATE TABLE host (
  id            TEXT PRIMARY KEY,
  account_id    TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  os            TEXT NOT NULL,
  os_user       TEXT NOT NULL,
  public_key    TEXT NOT NULL,      -- Ed25519, X.509 SubjectPublicKeyInfo, base64
  token_hash    TEXT NOT NULL UNIQUE,
  paired_at     BIGINT NOT NULL,
  last_seen_at  BIGINT,
  revoked_at    BIGINT,
  seats_json    TEXT,               -- provider CLI states as the runner last reported them
  seats_at      BIGINT
);
CREATE INDEX host_account ON host(account_id);

-- Every revocation, kept for the audit trail even after the host row is gone.
CREATE TABLE host_revocation (
  host_id     TEXT NOT NULL,
  account_id  TEXT NOT NULL,
  revoked_at  BIGINT NOT NULL,
  revoked_by  TEXT NOT NULL,        -- 'account:<id>' or 'host:<id>' (nome pair unpair)
  reason      TEXT NOT NULL
);
CREATE INDEX host_revocation_host ON host_revocation(host_id);

-- RFC 8628 device authorizations in flight. device_code and user_code are kept as SHA-256 only.
CREATE TABLE pairing_request (
  device_code_hash TEXT PRIMARY KEY,
  user_code_hash   TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  os               TEXT NOT NULL,
  os_user          TEXT NOT NULL,
  public_key       TEXT NOT NULL,
  client_address   TEXT NOT NULL,   -- who asked; bounds how many may wait per address
  created_at       BIGINT NOT NULL,
  expires_at       BIGINT NOT NULL,
  interval_seconds INTEGER NOT NULL,
  last_poll_at     BIGINT,
  state            TEXT NOT NULL,   -- pending | approved | denied | issued
  decided_by       TEXT,
  host_id          TEXT
);
CREATE INDEX pairing_request_address ON pairing_request(client_address, state);
