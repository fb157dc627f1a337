-- Thresholds set over the admin API replace the city file's alerts.thresholds for that city,
-- on every API node at its next tick, without a restart.
CREATE TABLE alert_threshold_override (
  city_id     integer PRIMARY KEY REFERENCES city (id),
  thresholds  jsonb NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
