-- CreateIndex
CREATE INDEX "Person_createdAt_id_idx" ON "Person"("createdAt", "id");
