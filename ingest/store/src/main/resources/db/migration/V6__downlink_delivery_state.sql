-- Downlink follows delivery state, not an id watermark (issue 13).

-- The transaction that wrote each message. Ids are handed out when a row is inserted, not when
-- it commits, so a lower id can become visible after a higher one; a node following new
-- messages reads every message whose transaction was still open at its previous poll
-- (pg_snapshot_xmin) again, and skips those it has already handed to its gateways.
ALTER TABLE downlink_message ADD COLUMN written_by_tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX downlink_message_written_by_tx ON downlink_message (written_by_tx);

-- Broker mode: a node claims messages with a lease in one short transaction, publishes them to
-- the broker with no transaction open, and marks the acknowledged ones published in a second.
-- A lease that ran out (its node died mid-round) lets another node take the message.
ALTER TABLE downlink_message ADD COLUMN broker_leased_by text;
ALTER TABLE downlink_message ADD COLUMN broker_lease_until timestamptz;
