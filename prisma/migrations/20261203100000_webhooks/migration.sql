-- Inbound webhooks (issue 8): a secret URL per webhook and a field mapping into containers.
CREATE TABLE "webhooks" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "token_hash" TEXT NOT NULL,
    "token_sealed" TEXT NOT NULL,
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "signature_header" TEXT NOT NULL DEFAULT '',
    "secret_sealed" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "received" INTEGER NOT NULL DEFAULT 0,
    "last_receive_time" TIMESTAMPTZ(3),
    "create_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "update_time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "webhooks_name_key" ON "webhooks"("name");
CREATE UNIQUE INDEX "webhooks_token_hash_key" ON "webhooks"("token_hash");
