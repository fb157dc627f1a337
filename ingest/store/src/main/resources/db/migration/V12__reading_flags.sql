-- Readings that fail a quality check are stored with a flag instead of being refused: the
-- gateway's acknowledged data is never dropped, and an operator can see what a sensor sent.
-- A flagged reading is kept out of rollup_1m and latest_value, so out of every KPI and alert.
--
-- flag: NULL when the reading counts; 1 = outside its metric's plausible range (ReadingFlag).
-- Nullable without a default on purpose: adding it rewrites nothing (plain PostgreSQL and
-- TimescaleDB alike, compressed chunks included), and in a compressed chunk a column that is
-- NULL nearly everywhere costs next to nothing. It is not a segmentby column (sensor_id,
-- metric_id stay the segments): a flag is rare and would only split segments.
ALTER TABLE reading ADD COLUMN flag smallint;

-- Flagged readings per kecamatan, metric and hour, counted in the writer's transaction, so the
-- quality view can say how much of a kecamatan's data was implausible without scanning reading.
CREATE TABLE reading_flagged_1h (
  kecamatan_id  integer NOT NULL,
  metric_id     smallint NOT NULL,
  hour          timestamptz NOT NULL,
  flag          smallint NOT NULL,
  count         bigint NOT NULL,
  PRIMARY KEY (kecamatan_id, metric_id, hour, flag)
);
