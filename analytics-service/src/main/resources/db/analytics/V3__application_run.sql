-- How an application runs on Flink: its job while it runs, the savepoint its last stop took (JSON).
ALTER TABLE application ADD COLUMN run_state TEXT;
