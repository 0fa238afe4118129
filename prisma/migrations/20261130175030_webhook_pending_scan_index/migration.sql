-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_status_createdAt_seq_idx" ON "WebhookDelivery"("endpointId", "status", "createdAt", "seq");
