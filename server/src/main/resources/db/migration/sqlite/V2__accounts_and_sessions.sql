-- People who may sign in. The first account (the owner) is created by the first start.
CREATE TABLE account (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  -- Argon2id in PHC string form; NULL until the person sets a password through their link.
  password_hash TEXT,
  is_owner      BOOLEAN NOT NULL,
  created_at    BIGINT NOT NULL
);

-- Browser sessions. Only the SHA-256 of the cookie value is kept.
CREATE TABLE session (
  token_hash   TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL
);
CREATE INDEX session_account ON session(account_id);

-- One-time links: the owner's first sign-in and invitations. Only the SHA-256 is kept.
CREATE TABLE account_link (
  token_hash  TEXT PRIMARY KEY,
  purpose     TEXT NOT NULL,       -- 'setup' (set the password of account_id) or 'invite'
  account_id  TEXT REFERENCES account(id) ON DELETE CASCADE,
  created_by  TEXT REFERENCES account(id) ON DELETE CASCADE,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  used_at     BIGINT
);

-- Command-line tokens (nome login). Only the SHA-256 is kept.
CREATE TABLE user_token (
  token_hash  TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  label       TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  revoked_at  BIGINT
);
