-- CreateTable
CREATE TABLE "role_requests" (
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "business_account_id" UUID NOT NULL,
    "requested_by_user_account_id" UUID NOT NULL,
    "subject_user_account_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "status" TEXT NOT NULL,
    "decided_by_user_account_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "reason" TEXT,
    "closed_because" TEXT,
    "outcome_announced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_messages" (
    "request_id" TEXT NOT NULL,
    "user_account_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "reminder_number" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_messages_pkey" PRIMARY KEY ("request_id","user_account_id")
);

-- CreateTable
CREATE TABLE "business_messages" (
    "id" BIGSERIAL NOT NULL,
    "business_account_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "business_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "role_requests_business_account_id_status_idx" ON "role_requests"("business_account_id", "status");

-- CreateIndex
CREATE INDEX "role_requests_workflow_id_idx" ON "role_requests"("workflow_id");

-- CreateIndex
CREATE UNIQUE INDEX "business_messages_dedupe_key_key" ON "business_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "business_messages_business_account_id_created_at_idx" ON "business_messages"("business_account_id", "created_at");

-- AddForeignKey
ALTER TABLE "role_requests" ADD CONSTRAINT "role_requests_business_account_id_fkey" FOREIGN KEY ("business_account_id") REFERENCES "business_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_requests" ADD CONSTRAINT "role_requests_requested_by_user_account_id_fkey" FOREIGN KEY ("requested_by_user_account_id") REFERENCES "user_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_requests" ADD CONSTRAINT "role_requests_subject_user_account_id_fkey" FOREIGN KEY ("subject_user_account_id") REFERENCES "user_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_messages" ADD CONSTRAINT "approval_messages_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "role_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "business_messages" ADD CONSTRAINT "business_messages_business_account_id_fkey" FOREIGN KEY ("business_account_id") REFERENCES "business_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
