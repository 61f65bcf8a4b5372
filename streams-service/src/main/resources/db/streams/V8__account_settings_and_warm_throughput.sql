-- An account's minimum throughput billing commitment (UpdateAccountSettings), per account and region.
CREATE TABLE account_settings (
    account_id              VARCHAR(12) NOT NULL,
    region                  VARCHAR(32) NOT NULL,
    commitment_status       VARCHAR(40) NOT NULL,
    started_at              TIMESTAMPTZ,
    ended_at                TIMESTAMPTZ,
    earliest_allowed_end_at TIMESTAMPTZ,
    PRIMARY KEY (account_id, region)
);

-- The warm throughput an ON_DEMAND stream was asked to hold (UpdateStreamWarmThroughput).
CREATE TABLE warm_throughput (
    stream_id   BIGINT  PRIMARY KEY REFERENCES stream (id) ON DELETE CASCADE,
    target_mibps INTEGER NOT NULL
);
