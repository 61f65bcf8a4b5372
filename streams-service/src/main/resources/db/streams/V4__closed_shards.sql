-- A shard closed by SplitShard or MergeShards takes no more writes at once (closed); its ending
-- offset is recorded once writes routed to it before the change have landed. opened_at / closed_at
-- answer ListShards' timestamp filters.
ALTER TABLE shard ADD COLUMN closed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE shard ADD COLUMN opened_at TIMESTAMPTZ;
ALTER TABLE shard ADD COLUMN closed_at TIMESTAMPTZ;
UPDATE shard SET opened_at = (SELECT created_at FROM stream WHERE stream.id = shard.stream_id);
ALTER TABLE shard ALTER COLUMN opened_at SET NOT NULL;
