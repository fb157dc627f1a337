-- Pantau schema, version 7: a gateway an administrator has disabled logs in no more, and the
-- ingest nodes close its live connection (they poll this column); its data stays.
ALTER TABLE gateway ADD COLUMN disabled boolean NOT NULL DEFAULT false;
CREATE INDEX gateway_disabled ON gateway (id) WHERE disabled;
