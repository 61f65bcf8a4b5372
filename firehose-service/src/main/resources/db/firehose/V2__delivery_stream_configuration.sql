-- The destination as configured and the tags (JSON, the API's own member names), the last change, and why a
-- delivery stream failed to become ACTIVE.
ALTER TABLE delivery_stream
    ADD COLUMN destination     TEXT,
    ADD COLUMN updated_at      TIMESTAMPTZ,
    ADD COLUMN failure_type    VARCHAR(64),
    ADD COLUMN failure_details TEXT,
    ADD COLUMN tags            TEXT;
