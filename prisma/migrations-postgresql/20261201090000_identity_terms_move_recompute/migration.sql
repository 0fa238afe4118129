-- Hand-written: an identity that moves to another person gets its search terms rewritten, not
-- updated in place.
--
-- A merge on PostgreSQL is one statement (lib/persons/merge-persons.ts): it moves the source's
-- identities to the target and deletes the source. The source's row-level triggers then fire in
-- an order PostgreSQL does not define: the FK cascade from "Person" deletes every term whose
-- "personId" is the source, identity terms included, and this trigger moves the identity's terms.
-- When the cascade ran first, an in-place UPDATE found nothing to move and the identity became
-- unsearchable. Deleting the identity's terms and inserting them again from the identity's row
-- (as omni_identity_terms_sync does) gives the same rows in either order.
--
-- NOTE: no semicolon may appear except at the end of a statement, not even in a comment or a
-- function body: the pg driver adapter splits migration scripts at every semicolon. The PL/pgSQL
-- body is an E'' string that writes it as the octal escape 073.

CREATE OR REPLACE FUNCTION omni_identity_terms_move() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    DELETE FROM "PersonSearchTerm" WHERE "identityId" = NEW."id"\073
    INSERT INTO "PersonSearchTerm" ("personId", "identityId", "field", "term")
    SELECT NEW."personId", NEW."id", t.field, t.term FROM omni_identity_terms(NEW."platformUsername", NEW."platformUserId") t\073
    RETURN NULL\073
END';
