-- The access keys of a managed setup. A secret is stored only sealed under the master key
-- (AES-256-GCM, bound to its access key id), so the database alone does not sign as anyone.
CREATE TABLE access_keys (
    access_key_id varchar(128) PRIMARY KEY,
    sealed_secret bytea        NOT NULL,
    account_id    char(12)     NOT NULL,
    policy        text,
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
