-- Pantau schema, version 1: cities, gateways, sensors, telemetry and its rollups.
-- Plain PostgreSQL is the baseline; TimescaleSetup turns reading and rollup_1m into
-- hypertables when the extension is installed. Queries are the same either way.

CREATE TABLE city (
  id        serial PRIMARY KEY,
  slug      text NOT NULL UNIQUE,
  name      text NOT NULL,
  timezone  text NOT NULL
);

CREATE TABLE kecamatan (
  id       serial PRIMARY KEY,
  city_id  integer NOT NULL REFERENCES city (id),
  slug     text NOT NULL,
  name     text NOT NULL,
  zone     text NOT NULL,
  UNIQUE (city_id, slug)
);

CREATE TABLE metric (
  id    smallint PRIMARY KEY,
  name  text NOT NULL UNIQUE,
  unit  text NOT NULL
);

-- A gateway is the MQTT client id; it belongs to one kecamatan (and so one city).
CREATE TABLE gateway (
  id               text PRIMARY KEY,
  kecamatan_id     integer NOT NULL REFERENCES kecamatan (id),
  secret_hash      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  online           boolean NOT NULL DEFAULT false,
  -- the ingest node holding the connection (node.id), so a node restarting clears only its own
  node             text,
  connection_id    bigint,
  connected_at     timestamptz,
  disconnected_at  timestamptz,
  offline_reason   text,
  last_seen        timestamptz,
  last_batch_at    timestamptz,
  -- storage time minus the newest measurement of the gateway's last stored batch
  last_lag_ms      bigint
);

CREATE TABLE sensor (
  id            serial PRIMARY KEY,
  city_id       integer NOT NULL REFERENCES city (id),
  external_id   text NOT NULL,
  kecamatan_id  integer NOT NULL REFERENCES kecamatan (id),
  first_gateway text NOT NULL,
  first_seen    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (city_id, external_id)
);

-- Raw readings: narrow rows (ts, sensor, metric, value) written by binary COPY.
CREATE TABLE reading (
  ts         timestamptz NOT NULL,
  sensor_id  integer NOT NULL,
  metric_id  smallint NOT NULL,
  value      double precision NOT NULL
);
CREATE INDEX reading_sensor_metric_ts ON reading (sensor_id, metric_id, ts DESC);
-- Readings arrive roughly in time order: a BRIN index serves retention and time-range scans
-- for a few kilobytes and next to no cost per insert.
CREATE INDEX reading_ts_brin ON reading USING brin (ts);

-- (gateway, boot, seq) of every stored batch: redelivery is acknowledged, not stored again.
-- The stream is part of the key: a gateway that numbered its telemetry and complaint batches
-- separately must not have one taken for a redelivery of the other.
CREATE TABLE ingest_batch (
  gateway_id  text NOT NULL,
  boot        bigint NOT NULL,
  seq         bigint NOT NULL,
  stream      text NOT NULL,
  items       integer NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (gateway_id, boot, seq, stream)
);
CREATE INDEX ingest_batch_stored_at_brin ON ingest_batch USING brin (stored_at);

-- One-minute rollups, maintained in the writer's transaction: exact under redelivery and
-- late data because only newly claimed batches add to them. Hour and day views sum these.
CREATE TABLE rollup_1m (
  kecamatan_id  integer NOT NULL,
  metric_id     smallint NOT NULL,
  minute        timestamptz NOT NULL,
  count         bigint NOT NULL,
  sum           double precision NOT NULL,
  min           double precision NOT NULL,
  max           double precision NOT NULL,
  PRIMARY KEY (kecamatan_id, metric_id, minute)
);

-- Newest reading per sensor and metric; a late reading never replaces a newer one.
CREATE TABLE latest_value (
  sensor_id  integer NOT NULL,
  metric_id  smallint NOT NULL,
  ts         timestamptz NOT NULL,
  value      double precision NOT NULL,
  PRIMARY KEY (sensor_id, metric_id)
);

-- Rejected messages, kept for diagnosis; trimmed to a configured number of rows.
CREATE TABLE dead_letter (
  id             bigserial PRIMARY KEY,
  received_at    timestamptz NOT NULL DEFAULT now(),
  gateway_id     text,
  topic          text NOT NULL,
  reason         text NOT NULL,
  reason_code    smallint NOT NULL,
  detail         text NOT NULL,
  payload_bytes  integer NOT NULL,
  -- at most the first dead-letter payload limit of bytes (see ingest.deadLetter.maxPayloadBytes)
  payload        bytea NOT NULL
);
