-- BYOK provider keys. ciphertext is Tink AEAD (AES-256-GCM) with associated data binding it to
-- account_id and id; the keyset lives outside the database.
CREATE TABLE provider_key (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
  provider    TEXT NOT NULL,        -- anthropic | openai | google | openai-compatible
  name        TEXT NOT NULL,
  base_url    TEXT,
  last_four   TEXT NOT NULL,
  fingerprint TEXT NOT NULL,        -- HMAC-SHA256 under a key kept beside the keyset
  ciphertext  BYTEA NOT NULL,
  created_at  BIGINT NOT NULL,
  rotated_at  BIGINT,
  UNIQUE (account_id, name)
);

-- What happened to each key (added, rotated, removed); never holds key material.
CREATE TABLE provider_key_event (
  key_id      TEXT NOT NULL,
  account_id  TEXT NOT NULL,
  event       TEXT NOT NULL,
  name        TEXT NOT NULL,
  last_four   TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  at          BIGINT NOT NULL
);
CREATE INDEX provider_key_event_key ON provider_key_event(key_id);
