-- Firehose delivery streams. Their configuration (destinations, buffering, processing) arrives
-- with the delivery pipeline; this is what listing and naming need.
CREATE TABLE delivery_stream (
    id              BIGSERIAL PRIMARY KEY,
    account_id      VARCHAR(12)  NOT NULL,
    region          VARCHAR(32)  NOT NULL,
    name            VARCHAR(64)  NOT NULL,
    type            VARCHAR(32)  NOT NULL,
    status          VARCHAR(32)  NOT NULL,
    version_id      BIGINT       NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT delivery_stream_name UNIQUE (account_id, region, name)
);
