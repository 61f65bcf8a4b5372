-- An application's code and parts: inputs, outputs, reference data sources and logging options
-- as JSON in the API's member names (they are read and written whole, never queried), its tags.
ALTER TABLE application
    ADD COLUMN updated_at    TIMESTAMPTZ,
    ADD COLUMN description   VARCHAR(1024),
    ADD COLUMN code          TEXT,
    ADD COLUMN configuration TEXT,
    ADD COLUMN tags          TEXT;

CREATE INDEX application_status ON application (status);
