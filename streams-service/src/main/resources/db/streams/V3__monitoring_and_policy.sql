-- Shard-level metrics enabled with EnableEnhancedMonitoring (comma-separated MetricsName values)
-- and the resource policy of PutResourcePolicy (stored and returned; not yet enforced).
ALTER TABLE stream ADD COLUMN shard_level_metrics VARCHAR(512) NOT NULL DEFAULT '';
ALTER TABLE stream ADD COLUMN resource_policy TEXT;
