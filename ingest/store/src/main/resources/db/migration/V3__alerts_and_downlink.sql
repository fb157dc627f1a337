-- Alerts raised from the city's rules, and messages from the command center down to the
-- kecamatan gateways (alerts and operator instructions), delivered at QoS 1.

CREATE TABLE alert (
  id               bigserial PRIMARY KEY,
  city_id          integer NOT NULL REFERENCES city (id),
  kecamatan_id     integer REFERENCES kecamatan (id),
  -- which rule raised it (threshold, flood, ispu, complaint_breach, gateway_offline) and about what
  rule             text NOT NULL,
  subject          text NOT NULL,
  severity         text NOT NULL,
  title            text NOT NULL,            -- Indonesian, as the screens show it by default
  title_en         text NOT NULL,
  value            double precision,
  opened_at        timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  acknowledged_at  timestamptz,
  acknowledged_by  text,
  cleared_at       timestamptz
);
-- At most one open alert per rule and subject, whichever API node evaluates the rules.
CREATE UNIQUE INDEX alert_one_open ON alert (city_id, rule, subject) WHERE cleared_at IS NULL;
CREATE INDEX alert_opened_at ON alert (city_id, opened_at DESC);

CREATE TABLE downlink_message (
  id            bigserial PRIMARY KEY,
  city_id       integer NOT NULL REFERENCES city (id),
  kecamatan_id  integer NOT NULL REFERENCES kecamatan (id),
  kind          text NOT NULL,            -- alert | instruction
  payload       text NOT NULL,            -- the JSON published on pantau/v1/{city}/{kec}/alerts
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text
);
CREATE INDEX downlink_message_kecamatan ON downlink_message (kecamatan_id, id);

-- A gateway subscribed to its downlink; a persistent session keeps the row while it is away,
-- so what was published meanwhile is delivered when it comes back.
CREATE TABLE downlink_subscription (
  gateway_id   text PRIMARY KEY REFERENCES gateway (id) ON DELETE CASCADE,
  since_id     bigint NOT NULL,           -- messages after this one are owed to the gateway
  persistent   boolean NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- A PUBACK received from the gateway for a downlink message: delivered, never sent again.
CREATE TABLE downlink_delivery (
  message_id    bigint NOT NULL REFERENCES downlink_message (id) ON DELETE CASCADE,
  gateway_id    text NOT NULL,
  delivered_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (gateway_id, message_id)
);
