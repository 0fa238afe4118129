-- A person's own search terms (identityId NULL) found from the person alone.
--
-- The person trigger reads a person's own terms on every edit of its name, phone or email
-- ("personId" = ? AND "identityId" IS NULL). With one index on "personId" and one on "identityId",
-- PostgreSQL's cached generic plan ANDed both bitmaps: the "identityId" IS NULL half is every
-- person's own terms (22,105 index entries read for a world of a few thousand persons, 0.5 ms),
-- so an edit grew slower with the directory. The composite index answers both conditions at once
-- and still serves lookups by "personId" alone (the foreign key's cascade).

-- CreateIndex
CREATE INDEX "PersonSearchTerm_personId_identityId_idx" ON "PersonSearchTerm"("personId", "identityId");

-- DropIndex
DROP INDEX "PersonSearchTerm_personId_idx";
