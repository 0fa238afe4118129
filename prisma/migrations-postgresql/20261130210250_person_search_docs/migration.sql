-- CreateTable
CREATE TABLE "PersonSearchDoc" (
    "id" SERIAL NOT NULL,
    "personId" TEXT NOT NULL,
    "doc" TEXT NOT NULL,

    CONSTRAINT "PersonSearchDoc_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PersonSearchDoc_personId_key" ON "PersonSearchDoc"("personId");

-- AddForeignKey
ALTER TABLE "PersonSearchDoc" ADD CONSTRAINT "PersonSearchDoc_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Hand-written: a search document per person, and the identity terms' own trigram index.
--
-- A multi-word query ("Nicolas Faure") finds persons with a term containing each word, in any of
-- their terms. Looked up term by term, the most common word fetched every term that holds it
-- (hundreds at 100k persons: ~700 heap rows rechecked) before the other words filtered them.
-- Now the person's own terms (name, name words, email, phone digits) are also kept in one
-- "PersonSearchDoc" row, each after a newline (so a word of 2 characters can be looked up as the
-- start of a term: newline + word), and lib/persons/search-persons.ts looks every word up
-- at once (a BitmapAnd of the words' trigram posting lists, a few dozen rows), beside the
-- persons whose identity terms (username, platform id) hold a word (a trigram index over those
-- terms only, small for name words). Each candidate is then checked word by word against its
-- terms, which stay the truth (and give the rank). A word holds no whitespace, so it never
-- matches across two of the document's lines.
--
-- The document is written by the person trigger function, from the same terms it inserts
-- (omni_person_terms), on the person's row: no other transaction writes it meanwhile. Deleting
-- the person deletes it (FK cascade).
--
-- NOTE: no semicolon may appear except at the end of a statement, not even in a comment or a
-- function body: the pg driver adapter splits migration scripts at every semicolon. The PL/pgSQL
-- bodies are E'' strings that write it as the octal escape 073.

CREATE OR REPLACE FUNCTION omni_person_terms_sync() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''UPDATE'' THEN
        DELETE FROM "PersonSearchTerm" WHERE "personId" = OLD."id" AND "identityId" IS NULL\073
    END IF\073
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."id", NULL, t.field, t.term FROM omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail") t\073
    INSERT INTO "PersonSearchDoc" ("personId", "doc")
    SELECT NEW."id", coalesce(chr(10) || string_agg(t.term, chr(10)), '''') FROM omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail") t
    ON CONFLICT ("personId") DO UPDATE SET "doc" = EXCLUDED."doc"\073
    RETURN NULL\073
END';

-- The identity terms' trigram index replaces the one over every term (the person's own terms are
-- in the documents now). Words shorter than a trigram keep the text_pattern_ops b-tree on "term".
CREATE INDEX "PersonSearchTerm_identity_trgm_idx" ON "PersonSearchTerm" USING gin ("term" gin_trgm_ops) WITH (gin_pending_list_limit = 64) WHERE "identityId" IS NOT NULL;
DROP INDEX IF EXISTS "PersonSearchTerm_term_trgm_idx";
-- Identity terms that start with a 2-character word of a query that also has longer words.
CREATE INDEX "PersonSearchTerm_identity_term_idx" ON "PersonSearchTerm" ("term" text_pattern_ops) WHERE "identityId" IS NOT NULL;

-- Backfill: a document for every person.
INSERT INTO "PersonSearchDoc" ("personId", "doc")
SELECT p."id", coalesce((SELECT chr(10) || string_agg(t."term", chr(10) ORDER BY t."id") FROM "PersonSearchTerm" t WHERE t."personId" = p."id" AND t."identityId" IS NULL), '')
  FROM "Person" p;

-- The documents' trigram index, built after the backfill. A GIN index takes new entries into a
-- pending list that every search reads whole until it is merged (by VACUUM, or by the writer that
-- fills it): at the default 4 MB limit a search of 0.2 ms took 2-4 ms. At 64 kB (the minimum) the
-- list stays a few pages and writers merge it in small batches.
CREATE INDEX "PersonSearchDoc_doc_trgm_idx" ON "PersonSearchDoc" USING gin ("doc" gin_trgm_ops) WITH (gin_pending_list_limit = 64);
