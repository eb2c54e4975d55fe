-- A right shared secret is held for the registration that redeemed it and spent (used_at) only
-- when its business account commits: a stalled step leaves the code usable by that registration.
ALTER TABLE "cbsa_authorizations" ADD COLUMN "used_by" TEXT,
ADD COLUMN "held_by" TEXT,
ADD COLUMN "held_until" TIMESTAMPTZ(3);

-- Events a retried step writes once (registration lifecycle): a stalled attempt that commits late
-- beside its retry cannot write a second one.
ALTER TABLE "audit_events" ADD COLUMN "dedupe_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_dedupe_key_key" ON "audit_events"("dedupe_key");

-- CreateTable
CREATE TABLE "slack_deliveries" (
    "key" TEXT NOT NULL,
    "channel" TEXT,
    "ts" TEXT,
    "tries" INTEGER NOT NULL DEFAULT 0,
    "leased_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "slack_deliveries_pkey" PRIMARY KEY ("key")
);
