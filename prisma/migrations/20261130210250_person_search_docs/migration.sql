-- CreateTable
CREATE TABLE "PersonSearchDoc" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" TEXT NOT NULL,
    "doc" TEXT NOT NULL,
    CONSTRAINT "PersonSearchDoc_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PersonSearchDoc_personId_key" ON "PersonSearchDoc"("personId");

-- ---------------------------------------------------------------------------------------------
-- Hand-written: a search document per person, and the identity terms' own trigram index.
--
-- A multi-word query ("Nicolas Faure") finds persons with a term containing each word, in any of
-- their terms. Looked up term by term, the most common word fetched every term that holds it
-- (hundreds at 100k persons) before the other words filtered them. Now the person's own terms
-- (name, name words, email, phone digits) are also kept in one "PersonSearchDoc" row, each after
-- a newline (so a word of 2 characters can be looked up as the start of a term: newline + word), with an FTS5 trigram index ("PersonSearchDocTrigram", external content,
-- rowid = "PersonSearchDoc"."id"), and lib/persons/search-persons.ts matches every word at once
-- ('"nicolas" AND "faure"'), beside the persons whose identity terms (username, platform id) hold
-- a word ("PersonSearchIdentityTrigram": a contentless FTS5 trigram index over those terms only,
-- rowid = "PersonSearchTerm"."id"). Each candidate is then checked word by word against its
-- terms, which stay the truth (and give the rank). A word holds no whitespace, so it never
-- matches across two of the document's lines.
--
-- The document is written by the person triggers, from the same terms they insert. A future
-- migration that redefines "Person", "PlatformIdentity", "PersonSearchTerm" or "PersonSearchDoc"
-- (Prisma's "RedefineTables") drops these triggers: it must end with them again.

DROP TRIGGER IF EXISTS "PersonSearchTerm_fts_ai";
DROP TRIGGER IF EXISTS "PersonSearchTerm_fts_ad";
DROP TRIGGER IF EXISTS "PersonSearchTerm_fts_au";
DROP TABLE IF EXISTS "PersonSearchTrigram";

-- Identity terms that start with a 2-character word of a query that also has longer words.
CREATE INDEX "PersonSearchTerm_identity_term_idx" ON "PersonSearchTerm" ("term") WHERE "identityId" IS NOT NULL;

CREATE VIRTUAL TABLE "PersonSearchIdentityTrigram" USING fts5(
    term,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram'
);

CREATE TRIGGER "PersonSearchTerm_fts_ai" AFTER INSERT ON "PersonSearchTerm" WHEN NEW."identityId" IS NOT NULL BEGIN
    INSERT INTO "PersonSearchIdentityTrigram" (rowid, term) VALUES (NEW."id", NEW."term");
END;

CREATE TRIGGER "PersonSearchTerm_fts_ad" AFTER DELETE ON "PersonSearchTerm" WHEN OLD."identityId" IS NOT NULL BEGIN
    DELETE FROM "PersonSearchIdentityTrigram" WHERE rowid = OLD."id";
END;

CREATE TRIGGER "PersonSearchTerm_fts_au" AFTER UPDATE OF "term", "identityId" ON "PersonSearchTerm" BEGIN
    DELETE FROM "PersonSearchIdentityTrigram" WHERE rowid = OLD."id";
    INSERT INTO "PersonSearchIdentityTrigram" (rowid, term) SELECT NEW."id", NEW."term" WHERE NEW."identityId" IS NOT NULL;
END;

CREATE VIRTUAL TABLE "PersonSearchDocTrigram" USING fts5(
    doc,
    content = 'PersonSearchDoc',
    content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE TRIGGER "PersonSearchDoc_fts_ai" AFTER INSERT ON "PersonSearchDoc" BEGIN
    INSERT INTO "PersonSearchDocTrigram" (rowid, doc) VALUES (NEW."id", NEW."doc");
END;

CREATE TRIGGER "PersonSearchDoc_fts_ad" AFTER DELETE ON "PersonSearchDoc" BEGIN
    INSERT INTO "PersonSearchDocTrigram" ("PersonSearchDocTrigram", rowid, doc) VALUES ('delete', OLD."id", OLD."doc");
END;

CREATE TRIGGER "PersonSearchDoc_fts_au" AFTER UPDATE OF "doc" ON "PersonSearchDoc" BEGIN
    INSERT INTO "PersonSearchDocTrigram" ("PersonSearchDocTrigram", rowid, doc) VALUES ('delete', OLD."id", OLD."doc");
    INSERT INTO "PersonSearchDocTrigram" (rowid, doc) VALUES (NEW."id", NEW."doc");
END;

DROP TRIGGER IF EXISTS "Person_terms_ai";
DROP TRIGGER IF EXISTS "Person_terms_au";
DROP TRIGGER IF EXISTS "Person_terms_ad";

CREATE TRIGGER "Person_terms_ai" AFTER INSERT ON "Person" BEGIN
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."id", NULL, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
      FROM json_each(omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail")) j;
    INSERT INTO "PersonSearchDoc" ("personId", "doc")
    SELECT NEW."id", coalesce(char(10) || group_concat(json_extract(j.value, '$[1]'), char(10)), '')
      FROM json_each(omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail")) j
     WHERE TRUE
    ON CONFLICT ("personId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "Person_terms_au" AFTER UPDATE OF "displayName", "primaryPhone", "primaryEmail" ON "Person" BEGIN
    DELETE FROM "PersonSearchTerm" WHERE "personId" = OLD."id" AND "identityId" IS NULL;
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."id", NULL, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
      FROM json_each(omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail")) j;
    INSERT INTO "PersonSearchDoc" ("personId", "doc")
    SELECT NEW."id", coalesce(char(10) || group_concat(json_extract(j.value, '$[1]'), char(10)), '')
      FROM json_each(omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail")) j
     WHERE TRUE
    ON CONFLICT ("personId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "Person_terms_ad" AFTER DELETE ON "Person" BEGIN
    DELETE FROM "PersonSearchTerm" WHERE "personId" = OLD."id";
    DELETE FROM "PersonSearchDoc" WHERE "personId" = OLD."id";
END;

-- Backfill: a document for every person, the identity terms into their index.
INSERT INTO "PersonSearchDoc" ("personId", "doc")
SELECT p."id", coalesce((SELECT char(10) || group_concat(t."term", char(10)) FROM "PersonSearchTerm" t WHERE t."personId" = p."id" AND t."identityId" IS NULL), '')
  FROM "Person" p;
INSERT INTO "PersonSearchIdentityTrigram" (rowid, term)
SELECT t."id", t."term" FROM "PersonSearchTerm" t WHERE t."identityId" IS NOT NULL;
