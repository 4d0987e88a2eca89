-- Failed-sign-in limits: one counter row per account or address, reserved atomically before the
-- password hash (lib/auth/sign-in-limits.ts), replacing one row per failure.
DROP TABLE "sign_in_failures";

CREATE TABLE "sign_in_limits" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "window_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_limits_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "sign_in_limits_window_ends_at_idx" ON "sign_in_limits"("window_ends_at");

-- API tokens may expire; null means never.
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" TIMESTAMP(3);
