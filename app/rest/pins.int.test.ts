// HUD pins (SOAR's /rest/container_pin and /rest/container/<id>/pins).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, type Client } from "@/lib/rest/rest-test-kit";

let bot: Client;
let observer: Client;
let containerId: number;

beforeAll(async () => {
  bot = await tokenClient("automation");
  observer = await tokenClient("observer");
  containerId = (await bot.call("POST", "/rest/container", { name: "pinned" })).body.id;
});

describe("/rest/container_pin", () => {
  it("creates, lists, updates and deletes pins in SOAR's shape, each with an audit row", async () => {
    const created = await bot.call("POST", "/rest/container_pin", { container_id: containerId, message: "Risk score", data: 87, pin_type: "manual card", pin_style: "red" });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ success: true, id: expect.any(Number) });
    const second = await bot.call("POST", "/rest/container_pin", { container: containerId, message: "VIP user", data: "alice", pin_type: "data", order: 1 });
    expect(second.status).toBe(200);

    const pins = await observer.call("GET", `/rest/container/${containerId}/pins`);
    expect(pins.status).toBe(200);
    expect(pins.body.count).toBe(2);
    expect(pins.body.data[0]).toMatchObject({
      id: created.body.id, container: containerId, message: "Risk score", data: "87", pin_type: "manual card", pin_style: "red", order: 0,
    });
    expect(pins.body.data[1]).toMatchObject({ message: "VIP user", data: "alice", pin_type: "data", pin_style: "" });
    const filtered = await observer.call("GET", `/rest/container_pin?_filter_container=${containerId}&_filter_pin_style="red"`);
    expect(filtered.body.data.map((p: { id: number }) => p.id)).toEqual([created.body.id]);

    const updated = await bot.call("POST", `/rest/container_pin/${created.body.id}`, { data: "92", pin_style: "blue" });
    expect(updated.status).toBe(200);
    expect((await bot.call("GET", `/rest/container_pin/${created.body.id}`)).body).toMatchObject({ data: "92", pin_style: "blue", message: "Risk score" });
    expect((await bot.call("GET", `/rest/container_pin/${created.body.id}/data`)).body).toEqual({ data: "92" });

    expect((await observer.call("DELETE", `/rest/container_pin/${created.body.id}`)).status).toBe(403);
    const removed = await bot.call("DELETE", `/rest/container_pin/${created.body.id}`);
    expect(removed.status).toBe(200);
    expect((await bot.call("GET", `/rest/container_pin/${created.body.id}`)).status).toBe(404);
    const actions = (await db.auditLog.findMany({ where: { containerId, objectType: "pin" }, orderBy: { id: "asc" } })).map((r) => r.action);
    expect(actions).toEqual(["pin.create", "pin.create", "pin.update", "pin.delete"]);
  });

  it("refuses bad pins with a 400 naming the field", async () => {
    const style = await bot.call("POST", "/rest/container_pin", { container_id: containerId, message: "x", pin_style: "green" });
    expect(style.status).toBe(400);
    expect(style.body.message).toMatch(/pin_style/);
    const noMessage = await bot.call("POST", "/rest/container_pin", { container_id: containerId, data: "1" });
    expect(noMessage.status).toBe(400);
    expect(noMessage.body.message).toMatch(/message is required/);
    const unknown = await bot.call("POST", "/rest/container_pin", { container_id: 999999997, message: "x" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/container 999999997 does not exist/);
  });
});
