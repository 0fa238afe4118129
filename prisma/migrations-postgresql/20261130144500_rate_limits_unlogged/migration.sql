-- Rate-limit counters are write-heavy, short-lived and worthless after a crash (a window lasts a
-- minute): UNLOGGED spares each request's counter update the write-ahead log, and the counters'
-- connections commit with synchronous_commit = off (lib/db/pg-pool.ts rateLimitPool), so a request
-- never waits for a disk flush. Counting stays exact across processes (one row per key, updated
-- under its row lock). Hand-written, PostgreSQL only, like the table's own migration.
ALTER TABLE "omni_rate_limits" SET UNLOGGED;
