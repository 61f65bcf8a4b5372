-- Streams, their shards and tags. Every stream is keyed by account and region from the start.
CREATE TABLE stream (
    id               BIGSERIAL PRIMARY KEY,
    account_id       VARCHAR(12)  NOT NULL,
    region           VARCHAR(32)  NOT NULL,
    name             VARCHAR(128) NOT NULL,
    topic            VARCHAR(249) NOT NULL UNIQUE,
    status           VARCHAR(16)  NOT NULL,
    stream_mode      VARCHAR(16)  NOT NULL,
    retention_hours  INTEGER      NOT NULL,
    encryption_type  VARCHAR(8)   NOT NULL DEFAULT 'NONE',
    created_at       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT stream_name_unique UNIQUE (account_id, region, name)
);

-- A shard is a Kafka partition of its stream's topic: shard_index is the partition number.
CREATE TABLE shard (
    id                     BIGSERIAL PRIMARY KEY,
    stream_id              BIGINT      NOT NULL REFERENCES stream (id) ON DELETE CASCADE,
    shard_index            INTEGER     NOT NULL,
    hash_key_start         NUMERIC(39) NOT NULL,
    hash_key_end           NUMERIC(39) NOT NULL,
    parent_index           INTEGER,
    adjacent_parent_index  INTEGER,
    starting_offset        BIGINT      NOT NULL,
    ending_offset          BIGINT,
    CONSTRAINT shard_unique UNIQUE (stream_id, shard_index)
);

CREATE TABLE stream_tag (
    stream_id  BIGINT       NOT NULL REFERENCES stream (id) ON DELETE CASCADE,
    tag_key    VARCHAR(128) NOT NULL,
    tag_value  VARCHAR(256) NOT NULL,
    PRIMARY KEY (stream_id, tag_key)
);

-- Secrets shared by every instance of the service (the shard iterator signing key).
CREATE TABLE service_secret (
    name   VARCHAR(64) PRIMARY KEY,
    value  BYTEA       NOT NULL
);
