-- Citizen complaints: every lifecycle event as received, and each complaint's current state,
-- recomputed from its events ordered by ts whenever one arrives (late and out-of-order events
-- land correctly; the same event twice changes nothing).

CREATE TABLE complaint_event (
  city_id       integer NOT NULL REFERENCES city (id),
  complaint_id  text NOT NULL,
  event         text NOT NULL,
  ts            timestamptz NOT NULL,
  kecamatan_id  integer NOT NULL REFERENCES kecamatan (id),
  gateway_id    text NOT NULL,
  category      text,
  kelurahan     text,
  lat           double precision,
  lon           double precision,
  channel       text,
  priority      text,
  text          text,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_id, complaint_id, event, ts)
);

-- One row per complaint whose 'created' event has arrived. Events that came before it wait in
-- complaint_event and are applied when it does.
CREATE TABLE complaint (
  city_id       integer NOT NULL REFERENCES city (id),
  id            text NOT NULL,
  kecamatan_id  integer NOT NULL REFERENCES kecamatan (id),
  category      text NOT NULL,
  kelurahan     text,
  lat           double precision,
  lon           double precision,
  channel       text,
  priority      text,
  text          text,
  created_at    timestamptz NOT NULL,
  state         text NOT NULL,
  state_at      timestamptz NOT NULL,
  -- when the current resolution (resolved, closed or rejected, after the last reopening) happened
  resolved_at   timestamptz,
  PRIMARY KEY (city_id, id)
);
CREATE INDEX complaint_open ON complaint (city_id, kecamatan_id, category) WHERE resolved_at IS NULL;
CREATE INDEX complaint_created_at ON complaint (city_id, created_at);
CREATE INDEX complaint_resolved_at ON complaint (city_id, resolved_at) WHERE resolved_at IS NOT NULL;
