-- Sensor quotas (ingest.maxSensorsPerGateway, ingest.maxSensorsPerKecamatan) count a gateway's
-- and a kecamatan's sensors whenever a flush meets sensors it has not seen: by index, not by a
-- scan of every sensor of the deployment.
CREATE INDEX sensor_first_gateway ON sensor (first_gateway);
CREATE INDEX sensor_kecamatan ON sensor (kecamatan_id);
