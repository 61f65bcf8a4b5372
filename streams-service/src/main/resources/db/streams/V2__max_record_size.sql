-- The largest record a stream takes (UpdateMaxRecordSize): 1 MiB by default, up to 10 MiB.
ALTER TABLE stream ADD COLUMN max_record_size_kib INTEGER NOT NULL DEFAULT 1024;
