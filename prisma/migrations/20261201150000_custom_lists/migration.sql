-- Custom lists (SOAR's decided lists, issue 7): one row per list, its rows of columns as a
-- jsonb array of arrays.

-- CreateTable
CREATE TABLE "custom_lists" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "content" JSONB NOT NULL DEFAULT '[]',
    "create_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "custom_lists_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "custom_lists_name_key" ON "custom_lists"("name");
