-- Encryption at rest: the KMS key a stream names and the data key its records are sealed with now.
ALTER TABLE stream ADD COLUMN kms_key_id VARCHAR(2048);
ALTER TABLE stream ADD COLUMN data_key_id BIGINT;

-- Every data key a stream has had, wrapped by the master key: records written under an earlier one
-- (before StopStreamEncryption, or a StartStreamEncryption with another key) stay readable.
CREATE TABLE stream_data_key (
    id           BIGSERIAL PRIMARY KEY,
    stream_id    BIGINT        NOT NULL REFERENCES stream (id) ON DELETE CASCADE,
    kms_key_id   VARCHAR(2048) NOT NULL,
    wrapped_key  BYTEA         NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL
);
