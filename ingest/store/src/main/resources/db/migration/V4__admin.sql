-- Thresholds set over the admin API replace the city file's alerts.thresholds for that city,
-- on every API node at its next tick, without a restart.
CREATE TABLE alert_threshold_override (
  city_id     integer PRIMARY KEY REFERENCES city (id),
  thresholds  jsonb NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A city added over the admin API keeps its definition (the city file format) here, so every
-- node loads it, now and after restarts. Cities from cities.files have none: their file rules.
ALTER TABLE city ADD COLUMN definition jsonb, ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Broker mode: when a downlink message went out through the MQTT broker (exactly one ingest
-- node publishes each, claimed with FOR UPDATE SKIP LOCKED).
ALTER TABLE downlink_message ADD COLUMN broker_published_at timestamptz;
CREATE INDEX downlink_message_broker_pending ON downlink_message (id) WHERE broker_published_at IS NULL;
