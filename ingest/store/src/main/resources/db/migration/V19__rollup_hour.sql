-- Hourly sums of the minute rollups, kept by the same writer in the same transaction (so exact under
-- redelivery and late data, as rollup_1m is). The rapor reads days of air quality and hours of river
-- level over a month or a year from it: 60 times fewer rows than rollup_1m. TimescaleDB has its own
-- continuous aggregate rollup_1h; this plain table serves plain PostgreSQL (and TimescaleDB without it).
CREATE TABLE rollup_hour (
  kecamatan_id  integer NOT NULL,
  metric_id     smallint NOT NULL,
  hour          timestamptz NOT NULL,
  count         bigint NOT NULL,
  sum           double precision NOT NULL,
  min           double precision NOT NULL,
  max           double precision NOT NULL,
  PRIMARY KEY (kecamatan_id, metric_id, hour)
);

INSERT INTO rollup_hour (kecamatan_id, metric_id, hour, count, sum, min, max)
SELECT kecamatan_id, metric_id, date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', sum(count), sum(sum), min(min), max(max)
FROM rollup_1m
GROUP BY 1, 2, 3;
