-- CreateTable
CREATE TABLE "slack_event_receipts" (
    "event_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_event_receipts_pkey" PRIMARY KEY ("event_id")
);

-- CreateIndex
CREATE INDEX "slack_event_receipts_received_at_idx" ON "slack_event_receipts"("received_at");
