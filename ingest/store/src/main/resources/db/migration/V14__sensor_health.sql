-- Sensor health (issue 15). A sensor an operator put in maintenance raises no maintenance alert
-- and counts for no hazard KPI until taken out again; the row says who and why, for the next shift.
CREATE TABLE sensor_maintenance (
  sensor_id   integer PRIMARY KEY REFERENCES sensor (id),
  since       timestamptz NOT NULL DEFAULT now(),
  set_by      text NOT NULL,
  note        text
);

-- When the newest reading of a sensor and metric was stored. Against its timestamp it tells a
-- sensor whose readings arrive far behind their time (late); against the clock, one that stopped
-- (silent) while its gateway goes on. Nullable without a default: adding it rewrites nothing,
-- and the writer fills it on the next reading.
ALTER TABLE latest_value ADD COLUMN stored_at timestamptz;
