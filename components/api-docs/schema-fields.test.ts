import { describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/rest/openapi";
import { newContainerSchema } from "@/lib/schemas/containers";
import { containerOut, listOf } from "@/lib/schemas/rest-responses";
import { schemaFields } from "./schema-fields";

describe("API page field tables", () => {
  it("lists request fields with their types, defaults and what is required", () => {
    const rows = schemaFields(newContainerSchema, "input");
    expect(rows.find((r) => r.name === "name")).toMatchObject({ type: "string", required: true });
    expect(rows.find((r) => r.name === "sensitivity")?.type).toContain('"amber"');
    expect(rows.find((r) => r.name === "artifacts")?.type).toContain("[]");
  });

  it("reads a list's row fields, and renders every operation without throwing", () => {
    expect(schemaFields(listOf(containerOut), "output").map((r) => r.name)).toContain("source_data_identifier");
    for (const op of OPERATIONS) {
      if (op.body) expect(schemaFields(op.body, "input").length, op.path).toBeGreaterThan(0);
      schemaFields(op.response, "output");
    }
  });
});
