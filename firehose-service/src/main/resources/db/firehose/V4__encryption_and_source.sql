-- A delivery stream's server-side encryption (status, key, wrapped data key) and the Kinesis stream
-- a KinesisStreamAsSource delivery stream reads, as JSON.
ALTER TABLE delivery_stream
    ADD COLUMN encryption TEXT,
    ADD COLUMN source     TEXT;
