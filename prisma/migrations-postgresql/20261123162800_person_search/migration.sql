-- Person directory search index for PostgreSQL (hand-written, the SQLite twin in
-- prisma/migrations/20261123162800_person_search uses FTS5).
--
-- Full-text search with the simple text search configuration (no stemming: names, phones and handles are
-- not prose) over IMMUTABLE functions, indexed with GIN expression indexes — no extra columns, so
-- the Prisma datamodel never sees them and future generated migrations leave them alone.
-- lib/services/person-search.ts queries with exactly these expressions (they must match for the
-- planner to use the indexes). Indexed text mirrors the SQLite index: punctuation splits words,
-- a phone is indexed as its E.164 digits and their national suffixes (drop 1, 2 or 3 leading digits).
--
-- NOTE: no semicolon may appear except at the end of a statement, not even in a comment or a
-- function body: the pg driver adapter splits migration scripts at every semicolon.

CREATE OR REPLACE FUNCTION omni_search_words(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT lower(regexp_replace(coalesce(t, ''), '[[:punct:][:space:]]+', ' ', 'g')) $$;

CREATE OR REPLACE FUNCTION omni_phone_words(phone text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN phone IS NULL THEN '' ELSE
        d || ' ' || substr(d, 2) || ' ' || substr(d, 3) || ' ' || substr(d, 4) END
        FROM (SELECT regexp_replace(coalesce(phone, ''), '\D', '', 'g') AS d) x $$;

CREATE OR REPLACE FUNCTION omni_person_tsv(name text, phone text, email text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('simple'::regconfig, omni_search_words(name)), 'A')
              || setweight(to_tsvector('simple'::regconfig, omni_phone_words(phone)), 'B')
              || setweight(to_tsvector('simple'::regconfig, omni_search_words(email)), 'B') $$;

CREATE OR REPLACE FUNCTION omni_identity_tsv(username text, userid text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT setweight(to_tsvector('simple'::regconfig, omni_search_words(username)), 'C')
              || setweight(to_tsvector('simple'::regconfig, omni_search_words(userid)), 'D') $$;

CREATE INDEX "Person_search_idx" ON "Person"
    USING GIN (omni_person_tsv("displayName", "primaryPhone", "primaryEmail"));

CREATE INDEX "PlatformIdentity_search_idx" ON "PlatformIdentity"
    USING GIN (omni_identity_tsv("platformUsername", "platformUserId"));
