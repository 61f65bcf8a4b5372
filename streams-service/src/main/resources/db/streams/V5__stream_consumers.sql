-- Enhanced fan-out consumers registered on a stream (RegisterStreamConsumer), with their tags.
CREATE TABLE stream_consumer (
    id          BIGSERIAL PRIMARY KEY,
    stream_id   BIGINT       NOT NULL REFERENCES stream (id) ON DELETE CASCADE,
    name        VARCHAR(128) NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT stream_consumer_unique UNIQUE (stream_id, name)
);

CREATE TABLE stream_consumer_tag (
    consumer_id  BIGINT       NOT NULL REFERENCES stream_consumer (id) ON DELETE CASCADE,
    tag_key      VARCHAR(128) NOT NULL,
    tag_value    VARCHAR(256) NOT NULL,
    PRIMARY KEY (consumer_id, tag_key)
);
