-- Person directory search index (hand-written; Prisma's schema has no notion of FTS5).
--
-- Two SQLite FTS5 tables, kept in sync by triggers, searched by lib/services/person-search.ts:
--   PersonSearch   rowid = Person.rowid            name, phone (E.164 digits and their national
--                                                   suffixes), email
--   IdentitySearch rowid = PlatformIdentity.rowid  platform username, platform user id
-- An identity hit is joined back to its person through PlatformIdentity.rowid, so moving an
-- identity to another person (merge, link, unlink) costs the index nothing.
--
-- scripts/db-new-migration.ts leaves these tables (and their shadow tables) out of schema diffs.
-- A future migration that redefines "Person" or "PlatformIdentity" (Prisma's SQLite
-- "RedefineTables": CREATE new_X … DROP X) drops these triggers with the table and may renumber
-- rowids: such a migration must end with the trigger definitions and the two rebuild statements
-- below (db-new-migration warns when it writes one).

CREATE VIRTUAL TABLE "PersonSearch" USING fts5(
    name, phone, email,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE VIRTUAL TABLE "IdentitySearch" USING fts5(
    username, userid,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER "Person_search_ai" AFTER INSERT ON "Person" BEGIN
    INSERT INTO "PersonSearch" (rowid, name, phone, email) VALUES (
        NEW.rowid,
        coalesce(NEW."displayName", ''),
        CASE WHEN NEW."primaryPhone" IS NULL THEN '' ELSE
            replace(NEW."primaryPhone", '+', '') || ' ' || substr(replace(NEW."primaryPhone", '+', ''), 2) || ' ' ||
            substr(replace(NEW."primaryPhone", '+', ''), 3) || ' ' || substr(replace(NEW."primaryPhone", '+', ''), 4) END,
        coalesce(NEW."primaryEmail", '')
    );
END;

CREATE TRIGGER "Person_search_au" AFTER UPDATE OF "displayName", "primaryPhone", "primaryEmail" ON "Person" BEGIN
    DELETE FROM "PersonSearch" WHERE rowid = OLD.rowid;
    INSERT INTO "PersonSearch" (rowid, name, phone, email) VALUES (
        NEW.rowid,
        coalesce(NEW."displayName", ''),
        CASE WHEN NEW."primaryPhone" IS NULL THEN '' ELSE
            replace(NEW."primaryPhone", '+', '') || ' ' || substr(replace(NEW."primaryPhone", '+', ''), 2) || ' ' ||
            substr(replace(NEW."primaryPhone", '+', ''), 3) || ' ' || substr(replace(NEW."primaryPhone", '+', ''), 4) END,
        coalesce(NEW."primaryEmail", '')
    );
END;

CREATE TRIGGER "Person_search_ad" AFTER DELETE ON "Person" BEGIN
    DELETE FROM "PersonSearch" WHERE rowid = OLD.rowid;
END;

CREATE TRIGGER "PlatformIdentity_search_ai" AFTER INSERT ON "PlatformIdentity" BEGIN
    INSERT INTO "IdentitySearch" (rowid, username, userid)
    VALUES (NEW.rowid, coalesce(NEW."platformUsername", ''), NEW."platformUserId");
END;

CREATE TRIGGER "PlatformIdentity_search_au" AFTER UPDATE OF "platformUsername", "platformUserId" ON "PlatformIdentity" BEGIN
    DELETE FROM "IdentitySearch" WHERE rowid = OLD.rowid;
    INSERT INTO "IdentitySearch" (rowid, username, userid)
    VALUES (NEW.rowid, coalesce(NEW."platformUsername", ''), NEW."platformUserId");
END;

CREATE TRIGGER "PlatformIdentity_search_ad" AFTER DELETE ON "PlatformIdentity" BEGIN
    DELETE FROM "IdentitySearch" WHERE rowid = OLD.rowid;
END;

-- Rebuild: index the rows that exist already.
DELETE FROM "PersonSearch";
INSERT INTO "PersonSearch" (rowid, name, phone, email)
SELECT rowid, coalesce("displayName", ''),
    CASE WHEN "primaryPhone" IS NULL THEN '' ELSE
        replace("primaryPhone", '+', '') || ' ' || substr(replace("primaryPhone", '+', ''), 2) || ' ' ||
        substr(replace("primaryPhone", '+', ''), 3) || ' ' || substr(replace("primaryPhone", '+', ''), 4) END,
    coalesce("primaryEmail", '')
FROM "Person";
DELETE FROM "IdentitySearch";
INSERT INTO "IdentitySearch" (rowid, username, userid)
SELECT rowid, coalesce("platformUsername", ''), "platformUserId" FROM "PlatformIdentity";
