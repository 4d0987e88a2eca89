-- HUD pins: values pinned to the head of a container's investigation page (SOAR's container_pin).
CREATE TABLE "container_pins" (
    "id" SERIAL NOT NULL,
    "container_id" INTEGER NOT NULL,
    "author_id" INTEGER,
    "name" TEXT NOT NULL DEFAULT '',
    "message" TEXT NOT NULL DEFAULT '',
    "data" TEXT NOT NULL DEFAULT '',
    "pin_type" TEXT NOT NULL DEFAULT 'manual card',
    "pin_style" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "create_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "update_time" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "container_pins_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "container_pins_container_id_idx" ON "container_pins"("container_id");

ALTER TABLE "container_pins" ADD CONSTRAINT "container_pins_container_id_fkey" FOREIGN KEY ("container_id") REFERENCES "containers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "container_pins" ADD CONSTRAINT "container_pins_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
