-- CreateTable
CREATE TABLE "PersonDataKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "material" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "PersonDataKey_day_idx" ON "PersonDataKey"("day");

-- CreateIndex
CREATE UNIQUE INDEX "PersonDataKey_subjectId_day_key" ON "PersonDataKey"("subjectId", "day");

-- Erasure (lib/persons/erase-person.ts): a row deleted from the full-text search index must take
-- its terms with it at once (FTS5 otherwise keeps them in its segments until a merge), and the
-- terms of rows deleted before this migration are merged away now.
INSERT INTO "PersonSearch" ("PersonSearch", rank) VALUES ('secure-delete', 1);
INSERT INTO "IdentitySearch" ("IdentitySearch", rank) VALUES ('secure-delete', 1);
INSERT INTO "PersonSearch" ("PersonSearch") VALUES ('optimize');
INSERT INTO "IdentitySearch" ("IdentitySearch") VALUES ('optimize');
