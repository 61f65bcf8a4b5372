-- A consumer's resource policy (PutResourcePolicy on a consumer ARN), stored as written.
ALTER TABLE stream_consumer ADD COLUMN resource_policy TEXT;

-- When each UpdateShardCount of a stream was made: at most 10 in a rolling 24 hours, as in Kinesis.
CREATE TABLE stream_scaling (
    stream_id  BIGINT      NOT NULL REFERENCES stream (id) ON DELETE CASCADE,
    scaled_at  TIMESTAMPTZ NOT NULL
);
