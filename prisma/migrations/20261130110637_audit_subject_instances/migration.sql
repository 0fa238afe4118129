-- CreateTable
CREATE TABLE "AuditSubjectInstance" (
    "eventId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "subjectId", "instanceId"),
    CONSTRAINT "AuditSubjectInstance_eventId_subjectId_fkey" FOREIGN KEY ("eventId", "subjectId") REFERENCES "AuditSubject" ("eventId", "subjectId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditSubject" (
    "eventId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("eventId", "subjectId"),
    CONSTRAINT "AuditSubject_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AuditEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AuditSubject" ("eventId", "subjectId") SELECT "eventId", "subjectId" FROM "AuditSubject";
DROP TABLE "AuditSubject";
ALTER TABLE "new_AuditSubject" RENAME TO "AuditSubject";
CREATE INDEX "AuditSubject_subjectId_idx" ON "AuditSubject"("subjectId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditSubjectInstance_instanceId_idx" ON "AuditSubjectInstance"("instanceId");

-- Backfill (hand-written): the kind and the instances of the subjects of events written before
-- this migration, read from the rows that exist now. A subject deleted since falls back to the
-- target type and the snapshots of its event (the instances of a deleted route or key, the
-- identities of a deleted person). From now on lib/audit/write-audit.ts records both in
-- the same transaction as the event. (No semicolons in these comments: the migration runner
-- splits the script at every semicolon.)
UPDATE "AuditSubject" SET "subjectType" = CASE
    WHEN EXISTS (SELECT 1 FROM "Instance" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'instance'
    WHEN EXISTS (SELECT 1 FROM "Chat" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'chat'
    WHEN EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'route'
    WHEN EXISTS (SELECT 1 FROM "PlatformIdentity" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'identity'
    WHEN EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'person'
    WHEN EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'apiKey'
    WHEN EXISTS (SELECT 1 FROM "Agent" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'agent'
    WHEN EXISTS (SELECT 1 FROM "User" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'user'
    WHEN EXISTS (SELECT 1 FROM "AuditEvent" x WHERE x."id" = "AuditSubject"."subjectId") THEN 'auditEvent'
    ELSE COALESCE((SELECT e."targetType" FROM "AuditEvent" e WHERE e."id" = "AuditSubject"."eventId" AND e."targetId" = "AuditSubject"."subjectId"),
        (SELECT 'person' FROM "AuditEvent" e WHERE e."id" = "AuditSubject"."eventId" AND json_extract(e."before", '$.source.id') = "AuditSubject"."subjectId"), '')
END;

INSERT OR IGNORE INTO "AuditSubjectInstance" ("eventId", "subjectId", "instanceId")
SELECT s."eventId", s."subjectId", s."subjectId" FROM "AuditSubject" s WHERE s."subjectType" = 'instance'
UNION SELECT s."eventId", s."subjectId", x."instanceId" FROM "AuditSubject" s JOIN "Chat" x ON x."id" = s."subjectId"
UNION SELECT s."eventId", s."subjectId", x."instanceId" FROM "AuditSubject" s JOIN "AgentRoute" x ON x."id" = s."subjectId"
UNION SELECT s."eventId", s."subjectId", x."instanceId" FROM "AuditSubject" s JOIN "PlatformIdentity" x ON x."id" = s."subjectId"
UNION SELECT s."eventId", s."subjectId", x."instanceId" FROM "AuditSubject" s JOIN "PlatformIdentity" x ON x."personId" = s."subjectId"
UNION SELECT s."eventId", s."subjectId", j."value" FROM "AuditSubject" s JOIN "ApiKey" k ON k."id" = s."subjectId", json_each(k."instanceIds") j
    WHERE j."type" = 'text'
-- deleted since: the instances named by the snapshots of the event that targets it (a route: its
-- instanceId, a key: its instanceIds, a person: the instanceId of each of its identities)
UNION SELECT s."eventId", s."subjectId", j."value" FROM "AuditSubject" s JOIN "AuditEvent" e ON e."id" = s."eventId" AND e."targetId" = s."subjectId",
    json_each(json_array(json_extract(e."before", '$.instanceId'), json_extract(e."after", '$.instanceId'))) j
    WHERE s."subjectType" = 'route' AND j."type" = 'text' AND NOT EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = s."subjectId")
      AND NOT EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = s."subjectId") AND NOT EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = s."subjectId")
UNION SELECT s."eventId", s."subjectId", j."value" FROM "AuditSubject" s JOIN "AuditEvent" e ON e."id" = s."eventId" AND e."targetId" = s."subjectId",
    json_each(e."before", '$.instanceIds') j
    WHERE s."subjectType" = 'apiKey' AND j."type" = 'text' AND NOT EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = s."subjectId")
      AND NOT EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = s."subjectId") AND NOT EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = s."subjectId")
UNION SELECT s."eventId", s."subjectId", j."value" FROM "AuditSubject" s JOIN "AuditEvent" e ON e."id" = s."eventId" AND e."targetId" = s."subjectId",
    json_each(e."after", '$.instanceIds') j
    WHERE s."subjectType" = 'apiKey' AND j."type" = 'text' AND NOT EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = s."subjectId")
      AND NOT EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = s."subjectId") AND NOT EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = s."subjectId")
UNION SELECT s."eventId", s."subjectId", json_extract(j."value", '$.instanceId') FROM "AuditSubject" s JOIN "AuditEvent" e ON e."id" = s."eventId" AND e."targetId" = s."subjectId",
    json_each(e."before", '$.identities') j
    WHERE s."subjectType" = 'person' AND j."type" = 'object' AND json_type(j."value", '$.instanceId') = 'text' AND NOT EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = s."subjectId")
      AND NOT EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = s."subjectId") AND NOT EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = s."subjectId")
UNION SELECT s."eventId", s."subjectId", json_extract(j."value", '$.instanceId') FROM "AuditSubject" s JOIN "AuditEvent" e ON e."id" = s."eventId" AND e."targetId" = s."subjectId",
    json_each(e."after", '$.identities') j
    WHERE s."subjectType" = 'person' AND j."type" = 'object' AND json_type(j."value", '$.instanceId') = 'text' AND NOT EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = s."subjectId")
      AND NOT EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = s."subjectId") AND NOT EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = s."subjectId")
-- a person merged away: the identities it had
UNION SELECT s."eventId", s."subjectId", json_extract(j."value", '$.instanceId') FROM "AuditSubject" s JOIN "AuditEvent" e ON e."id" = s."eventId",
    json_each(e."before", '$.source.identities') j
    WHERE json_extract(e."before", '$.source.id') = s."subjectId" AND j."type" = 'object' AND json_type(j."value", '$.instanceId') = 'text' AND NOT EXISTS (SELECT 1 FROM "AgentRoute" x WHERE x."id" = s."subjectId")
      AND NOT EXISTS (SELECT 1 FROM "ApiKey" x WHERE x."id" = s."subjectId") AND NOT EXISTS (SELECT 1 FROM "Person" x WHERE x."id" = s."subjectId");
