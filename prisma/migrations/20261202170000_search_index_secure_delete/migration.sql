-- Hand-written (SQLite only): the search index's FTS5 tables remove a deleted row's entries at once.
--
-- 20261130140925_person_data_keys set FTS5's 'secure-delete' on the word indexes of that time;
-- 20261130210250_person_search_docs replaced them with "PersonSearchDocTrigram" and
-- "PersonSearchIdentityTrigram" without it. Without it FTS5 records a delete as a marker and keeps
-- the row's trigrams in its segments until a merge rewrites them: an erased person's name, email,
-- phone and usernames stayed in the file as their trigrams, from which the strings can be
-- rebuilt (lib/privacy/erase-person.ts). 'optimize' merges the segments now, dropping what rows
-- deleted before this migration left behind.
INSERT INTO "PersonSearchDocTrigram" ("PersonSearchDocTrigram", rank) VALUES ('secure-delete', 1);
INSERT INTO "PersonSearchIdentityTrigram" ("PersonSearchIdentityTrigram", rank) VALUES ('secure-delete', 1);
INSERT INTO "PersonSearchDocTrigram" ("PersonSearchDocTrigram") VALUES ('optimize');
INSERT INTO "PersonSearchIdentityTrigram" ("PersonSearchIdentityTrigram") VALUES ('optimize');
