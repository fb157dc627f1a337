-- The rapor (issue 16) reads complaint timelines, alert history and instructions for a period;
-- these indexes let it do so without scanning whole tables as history grows.

-- complaints on the books in a period: still open, or whose last event is recent enough
CREATE INDEX complaint_state_at ON complaint (city_id, state_at);
-- instructions sent in a period, and whether each was delivered
CREATE INDEX downlink_message_instruction_created ON downlink_message (city_id, created_at) WHERE kind = 'instruction';
CREATE INDEX downlink_delivery_message ON downlink_delivery (message_id, delivered_at);
