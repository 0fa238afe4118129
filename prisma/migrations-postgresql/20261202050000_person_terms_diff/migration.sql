-- Hand-written: a person's search terms are written as a difference, computed once.
--
-- The person trigger (20261130210250_person_search_docs) computed the terms twice (once for
-- "PersonSearchTerm", once for the document) and, on every change of the name, phone or email,
-- deleted all of the person's own terms and inserted them again: an edit of the name rewrote the
-- phone's and the email's rows too, each with its four index entries. Now the terms are computed
-- once, only the terms that are no longer there are deleted and only new ones inserted, and the
-- document is written only when it changed. The rows that result are the same (field, term)
-- pairs as before, for an insert and for any update. A new person has no terms yet: an insert only
-- inserts (no lookup of earlier terms, whose plan, cached while a bulk insert fills the table, could
-- scan it once a row).
--
-- NOTE: no semicolon may appear except at the end of a statement, not even in a comment or a
-- function body: the pg driver adapter splits migration scripts at every semicolon. The PL/pgSQL
-- body is an E'' string that writes it as the octal escape 073.

CREATE OR REPLACE FUNCTION omni_person_terms_sync() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''INSERT'' THEN
        WITH t AS MATERIALIZED (
            SELECT f.field, f.term FROM omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail") f
        ), added AS (
            INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term") SELECT NEW."id", NULL, t.field, t.term FROM t
        )
        INSERT INTO "PersonSearchDoc" ("personId", "doc")
        SELECT NEW."id", coalesce(chr(10) || string_agg(t.term, chr(10)), '''') FROM t
        ON CONFLICT ("personId") DO UPDATE SET "doc" = EXCLUDED."doc"\073
        RETURN NULL\073
    END IF\073
    WITH t AS MATERIALIZED (
        SELECT f.field, f.term FROM omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail") f
    ), was AS MATERIALIZED (
        SELECT s."id", s."field", s."term" FROM "PersonSearchTerm" s WHERE s."personId" = NEW."id" AND s."identityId" IS NULL
    ), gone AS (
        DELETE FROM "PersonSearchTerm" s USING was
         WHERE s."id" = was."id" AND NOT EXISTS (SELECT 1 FROM t WHERE t.field = was."field" AND t.term = was."term")
    ), added AS (
        INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
        SELECT NEW."id", NULL, t.field, t.term FROM t
         WHERE NOT EXISTS (SELECT 1 FROM was WHERE was."field" = t.field AND was."term" = t.term)
    )
    INSERT INTO "PersonSearchDoc" AS d ("personId", "doc")
    SELECT NEW."id", coalesce(chr(10) || string_agg(t.term, chr(10)), '''') FROM t
    ON CONFLICT ("personId") DO UPDATE SET "doc" = EXCLUDED."doc" WHERE d."doc" IS DISTINCT FROM EXCLUDED."doc"\073
    RETURN NULL\073
END';
