-- Code playbooks in Python (imported SOAR playbooks run their generated .py); JavaScript before.
ALTER TABLE "playbooks" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'javascript';
