-- Each user reads times in their own IANA time zone; UTC until they choose one on /account.
ALTER TABLE "users" ADD COLUMN "time_zone" TEXT NOT NULL DEFAULT 'UTC';
