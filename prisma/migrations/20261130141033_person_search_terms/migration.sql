-- CreateTable
CREATE TABLE "PersonSearchTerm" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" TEXT NOT NULL,
    "identityId" TEXT,
    "field" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    CONSTRAINT "PersonSearchTerm_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PersonSearchTerm_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "PlatformIdentity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PersonSearchTerm_personId_idx" ON "PersonSearchTerm"("personId");

-- CreateIndex
CREATE INDEX "PersonSearchTerm_identityId_idx" ON "PersonSearchTerm"("identityId");

-- ---------------------------------------------------------------------------------------------
-- Hand-written: the search index that replaces the word-based FTS5 tables of 20261123162800.
--
-- "PersonSearchTerm" rows are written only by the triggers below, in the same transaction as the
-- write to "Person" / "PlatformIdentity" (merges, links, unlinks move identity terms along with
-- the identity; deleting a person or an identity deletes its terms: FK cascade, and the AFTER
-- DELETE triggers for connections without foreign_keys). The terms are normalised by the
-- application-defined functions omni_person_terms / omni_identity_terms (JSON arrays of
-- [field, term], lib/persons/rules/search-query.ts), registered on every connection by
-- lib/db/sqlite-functions.ts: a connection without them cannot write persons or identities.
--
-- "PersonSearchTrigram" is an FTS5 trigram index over "PersonSearchTerm"."term" (external
-- content, rowid = "PersonSearchTerm"."id", an INTEGER PRIMARY KEY that survives table
-- redefinitions): any 3+ character substring of a term. Shorter queries use the b-tree index on
-- "term" (prefixes). A future migration that redefines "Person", "PlatformIdentity" or
-- "PersonSearchTerm" (Prisma's "RedefineTables") drops these triggers: it must end with them again.

DROP TRIGGER IF EXISTS "Person_search_ai";
DROP TRIGGER IF EXISTS "Person_search_au";
DROP TRIGGER IF EXISTS "Person_search_ad";
DROP TRIGGER IF EXISTS "PlatformIdentity_search_ai";
DROP TRIGGER IF EXISTS "PlatformIdentity_search_au";
DROP TRIGGER IF EXISTS "PlatformIdentity_search_ad";
DROP TABLE IF EXISTS "PersonSearch";
DROP TABLE IF EXISTS "IdentitySearch";

CREATE INDEX "PersonSearchTerm_term_idx" ON "PersonSearchTerm"("term");

CREATE VIRTUAL TABLE "PersonSearchTrigram" USING fts5(
    term,
    content = 'PersonSearchTerm',
    content_rowid = 'id',
    tokenize = 'trigram'
);

CREATE TRIGGER "PersonSearchTerm_fts_ai" AFTER INSERT ON "PersonSearchTerm" BEGIN
    INSERT INTO "PersonSearchTrigram" (rowid, term) VALUES (NEW."id", NEW."term");
END;

CREATE TRIGGER "PersonSearchTerm_fts_ad" AFTER DELETE ON "PersonSearchTerm" BEGIN
    INSERT INTO "PersonSearchTrigram" ("PersonSearchTrigram", rowid, term) VALUES ('delete', OLD."id", OLD."term");
END;

CREATE TRIGGER "PersonSearchTerm_fts_au" AFTER UPDATE OF "term" ON "PersonSearchTerm" BEGIN
    INSERT INTO "PersonSearchTrigram" ("PersonSearchTrigram", rowid, term) VALUES ('delete', OLD."id", OLD."term");
    INSERT INTO "PersonSearchTrigram" (rowid, term) VALUES (NEW."id", NEW."term");
END;

CREATE TRIGGER "Person_terms_ai" AFTER INSERT ON "Person" BEGIN
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."id", NULL, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
      FROM json_each(omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail")) j;
END;

CREATE TRIGGER "Person_terms_au" AFTER UPDATE OF "displayName", "primaryPhone", "primaryEmail" ON "Person" BEGIN
    DELETE FROM "PersonSearchTerm" WHERE "personId" = OLD."id" AND "identityId" IS NULL;
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."id", NULL, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
      FROM json_each(omni_person_terms(NEW."displayName", NEW."primaryPhone", NEW."primaryEmail")) j;
END;

CREATE TRIGGER "Person_terms_ad" AFTER DELETE ON "Person" BEGIN
    DELETE FROM "PersonSearchTerm" WHERE "personId" = OLD."id";
END;

CREATE TRIGGER "PlatformIdentity_terms_ai" AFTER INSERT ON "PlatformIdentity" BEGIN
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."personId", NEW."id", json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
      FROM json_each(omni_identity_terms(NEW."platformUsername", NEW."platformUserId")) j;
END;

CREATE TRIGGER "PlatformIdentity_terms_au" AFTER UPDATE OF "platformUsername", "platformUserId" ON "PlatformIdentity" BEGIN
    DELETE FROM "PersonSearchTerm" WHERE "identityId" = OLD."id";
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."personId", NEW."id", json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
      FROM json_each(omni_identity_terms(NEW."platformUsername", NEW."platformUserId")) j;
END;

CREATE TRIGGER "PlatformIdentity_terms_move" AFTER UPDATE OF "personId" ON "PlatformIdentity" BEGIN
    UPDATE "PersonSearchTerm" SET "personId" = NEW."personId" WHERE "identityId" = NEW."id";
END;

CREATE TRIGGER "PlatformIdentity_terms_ad" AFTER DELETE ON "PlatformIdentity" BEGIN
    DELETE FROM "PersonSearchTerm" WHERE "identityId" = OLD."id";
END;

-- Backfill: index the rows that exist already.
INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
SELECT p."id", NULL, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
  FROM "Person" p, json_each(omni_person_terms(p."displayName", p."primaryPhone", p."primaryEmail")) j;
INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
SELECT i."personId", i."id", json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')
  FROM "PlatformIdentity" i, json_each(omni_identity_terms(i."platformUsername", i."platformUserId")) j;
