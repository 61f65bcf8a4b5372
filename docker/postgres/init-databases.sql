-- Each Sluice service owns a database; the streams service's is `sluice` (POSTGRES_DB), the gateway's
-- (its access key store) `sluice_gateway`.
-- Runs once, when the data volume is new.
CREATE DATABASE sluice_firehose OWNER sluice;
CREATE DATABASE sluice_analytics OWNER sluice;
CREATE DATABASE sluice_gateway OWNER sluice;
