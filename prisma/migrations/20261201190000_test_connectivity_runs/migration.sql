-- An asset's "test connectivity" run concerns no container (SOAR runs it from the asset page).
ALTER TABLE "action_runs" ALTER COLUMN "container_id" DROP NOT NULL;
ALTER TABLE "app_runs" ALTER COLUMN "container_id" DROP NOT NULL;
