-- CreateTable
CREATE TABLE "PersonSearchTerm" (
    "id" SERIAL NOT NULL,
    "personId" TEXT NOT NULL,
    "identityId" TEXT,
    "field" TEXT NOT NULL,
    "term" TEXT NOT NULL,

    CONSTRAINT "PersonSearchTerm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonSearchTerm_personId_idx" ON "PersonSearchTerm"("personId");

-- CreateIndex
CREATE INDEX "PersonSearchTerm_identityId_idx" ON "PersonSearchTerm"("identityId");

-- AddForeignKey
ALTER TABLE "PersonSearchTerm" ADD CONSTRAINT "PersonSearchTerm_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonSearchTerm" ADD CONSTRAINT "PersonSearchTerm_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "PlatformIdentity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: the search index that replaces the full-text expression indexes of 20261123162800.
--
-- "PersonSearchTerm" rows are written only by the triggers below, in the same transaction as the
-- write to "Person" / "PlatformIdentity" (an identity that moves to another person takes its
-- terms along, deleting a person or an identity deletes its terms by FK cascade). Terms are
-- normalised by omni_search_norm, the SQL twin of normalizeSearchText in
-- lib/persons/rules/search-query.ts (NFKC, lower case, diacritics removed, spaces collapsed),
-- and searched through a pg_trgm GIN index (substrings of 3+ characters) and a text_pattern_ops
-- b-tree (prefixes of shorter queries). lib/persons/search-persons.ts normalises the typed query
-- with the same function.
--
-- NOTE: no semicolon may appear except at the end of a statement, not even in a comment or a
-- function body: the pg driver adapter splits migration scripts at every semicolon. The PL/pgSQL
-- bodies are E'' strings that write it as the octal escape 073.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

DROP INDEX IF EXISTS "Person_search_idx";
DROP INDEX IF EXISTS "PlatformIdentity_search_idx";
DROP FUNCTION IF EXISTS omni_person_tsv(text, text, text);
DROP FUNCTION IF EXISTS omni_identity_tsv(text, text);
DROP FUNCTION IF EXISTS omni_search_words(text);
DROP FUNCTION IF EXISTS omni_phone_words(text);

CREATE OR REPLACE FUNCTION omni_search_norm(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT left(btrim(regexp_replace(
        normalize(regexp_replace(normalize(lower(normalize(coalesce(t, ''), NFKC)), NFD),
                  '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g'), NFC),
        '\s+', ' ', 'g')), 200) $$;

CREATE OR REPLACE FUNCTION omni_search_like(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT replace(replace(replace(omni_search_norm(t), '\', '\\'), '%', '\%'), '_', '\_') $$;

CREATE OR REPLACE FUNCTION omni_person_terms(name text, phone text, email text) RETURNS TABLE (field text, term text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ WITH v AS (SELECT omni_search_norm(name) AS n, omni_search_norm(email) AS e,
                            regexp_replace(normalize(coalesce(phone, ''), NFKC), '[^0-9]', '', 'g') AS d)
          SELECT 'name', v.n FROM v WHERE v.n <> ''
          UNION ALL SELECT DISTINCT 'word', w.w FROM v, regexp_split_to_table(v.n, ' ') AS w(w) WHERE v.n LIKE '% %'
          UNION ALL SELECT 'email', v.e FROM v WHERE v.e <> ''
          UNION ALL SELECT 'phone', v.d FROM v WHERE v.d <> '' $$;

CREATE OR REPLACE FUNCTION omni_identity_terms(username text, userid text) RETURNS TABLE (field text, term text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ WITH v AS (SELECT omni_search_norm(username) AS u, omni_search_norm(userid) AS i)
          SELECT 'username', v.u FROM v WHERE v.u <> ''
          UNION ALL SELECT 'userid', v.i FROM v WHERE v.i <> '' $$;

CREATE OR REPLACE FUNCTION omni_person_terms_sync() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''UPDATE'' THEN
        DELETE FROM "PersonSearchTerm" WHERE "personId" = OLD."id" AND "identityId" IS NULL\073
    END IF\073
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."id", NULL, t.field, t.term FROM omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail") t\073
    RETURN NULL\073
END';

CREATE OR REPLACE FUNCTION omni_identity_terms_sync() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''UPDATE'' THEN
        DELETE FROM "PersonSearchTerm" WHERE "identityId" = OLD."id"\073
    END IF\073
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."personId", NEW."id", t.field, t.term FROM omni_identity_terms(NEW."platformUsername", NEW."platformUserId") t\073
    RETURN NULL\073
END';

CREATE OR REPLACE FUNCTION omni_identity_terms_move() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    UPDATE "PersonSearchTerm" SET "personId" = NEW."personId" WHERE "identityId" = NEW."id"\073
    RETURN NULL\073
END';

CREATE TRIGGER "Person_terms_ai" AFTER INSERT ON "Person"
    FOR EACH ROW EXECUTE FUNCTION omni_person_terms_sync();

CREATE TRIGGER "Person_terms_au" AFTER UPDATE OF "displayName", "primaryPhone", "primaryEmail" ON "Person"
    FOR EACH ROW WHEN (OLD."displayName" IS DISTINCT FROM NEW."displayName"
                    OR OLD."primaryPhone" IS DISTINCT FROM NEW."primaryPhone"
                    OR OLD."primaryEmail" IS DISTINCT FROM NEW."primaryEmail")
    EXECUTE FUNCTION omni_person_terms_sync();

CREATE TRIGGER "PlatformIdentity_terms_ai" AFTER INSERT ON "PlatformIdentity"
    FOR EACH ROW EXECUTE FUNCTION omni_identity_terms_sync();

CREATE TRIGGER "PlatformIdentity_terms_au" AFTER UPDATE OF "platformUsername", "platformUserId" ON "PlatformIdentity"
    FOR EACH ROW WHEN (OLD."platformUsername" IS DISTINCT FROM NEW."platformUsername"
                    OR OLD."platformUserId" IS DISTINCT FROM NEW."platformUserId")
    EXECUTE FUNCTION omni_identity_terms_sync();

CREATE TRIGGER "PlatformIdentity_terms_move" AFTER UPDATE OF "personId" ON "PlatformIdentity"
    FOR EACH ROW WHEN (OLD."personId" IS DISTINCT FROM NEW."personId")
    EXECUTE FUNCTION omni_identity_terms_move();

CREATE INDEX "PersonSearchTerm_term_idx" ON "PersonSearchTerm" ("term" text_pattern_ops);
CREATE INDEX "PersonSearchTerm_term_trgm_idx" ON "PersonSearchTerm" USING GIN ("term" gin_trgm_ops);

-- Backfill: index the rows that exist already.
INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
SELECT p."id", NULL, t.field, t.term
  FROM "Person" p CROSS JOIN LATERAL omni_person_terms(p."displayName", p."primaryPhone", p."primaryEmail") t;
INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
SELECT i."personId", i."id", t.field, t.term
  FROM "PlatformIdentity" i CROSS JOIN LATERAL omni_identity_terms(i."platformUsername", i."platformUserId") t;
