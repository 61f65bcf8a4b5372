-- Kinesis Analytics (SQL) applications. Their inputs, outputs and code arrive with the
-- applications themselves; this is what listing and naming need.
CREATE TABLE application (
    id              BIGSERIAL PRIMARY KEY,
    account_id      VARCHAR(12)  NOT NULL,
    region          VARCHAR(32)  NOT NULL,
    name            VARCHAR(128) NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    version_id      BIGINT       NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT application_name UNIQUE (account_id, region, name)
);
