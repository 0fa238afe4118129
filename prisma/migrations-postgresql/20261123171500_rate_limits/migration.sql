-- Per-key request counters shared by every app process (hand-written, PostgreSQL only: SQLite runs
-- one process and counts in memory). Used by rate-limiter-flexible RateLimiterPostgres with
-- tableCreated = true (lib/api/rate-limit.ts), so the app never needs to run DDL itself.
-- The layout is the one that library reads and writes.
CREATE TABLE IF NOT EXISTS "omni_rate_limits" (
    "key" varchar(255) PRIMARY KEY,
    "points" integer NOT NULL DEFAULT 0,
    "expire" bigint
);
