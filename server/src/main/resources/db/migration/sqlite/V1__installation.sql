-- Facts about this installation as a whole (its id, when it was created, settings).
CREATE TABLE installation_setting (
  name       TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
