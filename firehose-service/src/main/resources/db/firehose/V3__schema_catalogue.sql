-- The schema catalogue that DataFormatConversion reads (served as the AWSGlue API's databases and tables).
CREATE TABLE schema_database (
    account_id   VARCHAR(12)   NOT NULL,
    region       VARCHAR(32)   NOT NULL,
    name         VARCHAR(255)  NOT NULL,
    description  VARCHAR(2048),
    created_at   TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (account_id, region, name)
);

CREATE TABLE schema_table (
    account_id     VARCHAR(12)   NOT NULL,
    region         VARCHAR(32)   NOT NULL,
    database_name  VARCHAR(255)  NOT NULL,
    name           VARCHAR(255)  NOT NULL,
    columns        TEXT          NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    version_id     BIGINT        NOT NULL,
    PRIMARY KEY (account_id, region, database_name, name)
);
