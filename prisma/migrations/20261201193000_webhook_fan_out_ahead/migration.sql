-- AlterTable
ALTER TABLE "WebhookOutbox" ADD COLUMN "action" TEXT;
ALTER TABLE "WebhookOutbox" ADD COLUMN "fannedTo" JSONB;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "events" JSONB NOT NULL,
    "instanceIds" JSONB,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" DATETIME,
    "disabledReason" TEXT,
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousExpiresAt" DATETIME,
    "failingSince" DATETIME,
    "aheadSeq" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdByLabel" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_WebhookEndpoint" ("createdAt", "createdById", "createdByLabel", "description", "disabled", "disabledAt", "disabledReason", "events", "failingSince", "id", "instanceIds", "previousExpiresAt", "previousSecret", "secret", "updatedAt", "url") SELECT "createdAt", "createdById", "createdByLabel", "description", "disabled", "disabledAt", "disabledReason", "events", "failingSince", "id", "instanceIds", "previousExpiresAt", "previousSecret", "secret", "updatedAt", "url" FROM "WebhookEndpoint";
DROP TABLE "WebhookEndpoint";
ALTER TABLE "new_WebhookEndpoint" RENAME TO "WebhookEndpoint";
CREATE INDEX "WebhookEndpoint_disabled_idx" ON "WebhookEndpoint"("disabled");
CREATE TABLE "new_WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "orderKey" TEXT,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "payload" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextAttemptAt" DATETIME,
    "lastAttemptAt" DATETIME,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "durationMs" INTEGER,
    "responseBody" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WebhookDelivery" ("attempts", "createdAt", "durationMs", "endpointId", "eventId", "id", "lastAttemptAt", "lastError", "lastStatusCode", "nextAttemptAt", "orderKey", "payload", "queuedAt", "responseBody", "seq", "status", "type", "updatedAt") SELECT "attempts", "createdAt", "durationMs", "endpointId", "eventId", "id", "lastAttemptAt", "lastError", "lastStatusCode", "nextAttemptAt", "orderKey", "payload", "queuedAt", "responseBody", "seq", "status", "type", "updatedAt" FROM "WebhookDelivery";
DROP TABLE "WebhookDelivery";
ALTER TABLE "new_WebhookDelivery" RENAME TO "WebhookDelivery";
CREATE INDEX "WebhookDelivery_status_createdAt_idx" ON "WebhookDelivery"("status", "createdAt");
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");
CREATE INDEX "WebhookDelivery_endpointId_status_createdAt_seq_idx" ON "WebhookDelivery"("endpointId", "status", "createdAt", "seq");
CREATE INDEX "WebhookDelivery_eventId_idx" ON "WebhookDelivery"("eventId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
