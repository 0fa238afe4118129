-- CreateIndex
CREATE INDEX "Person_updatedAt_id_idx" ON "Person"("updatedAt", "id");
