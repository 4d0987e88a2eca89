// Turns a zod schema into the rows of the API page's field tables, through the same JSON Schema
// the OpenAPI document publishes.
import { z } from "zod";
import type { FieldRow } from "./operation-card";

type Json = { type?: string | string[]; items?: Json; properties?: Record<string, Json>; required?: string[]; anyOf?: Json[]; enum?: unknown[]; description?: string; default?: unknown };

function typeName(s: Json): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf) return [...new Set(s.anyOf.map(typeName))].join(" | ");
  if (s.type === "array") return `${s.items ? typeName(s.items) : "any"}[]`;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  return s.type ?? "any";
}

/** The top-level fields of an object schema (or of a list's items), for the tables. */
export function schemaFields(schema: z.ZodType, io: "input" | "output"): FieldRow[] {
  let s = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  if (s.anyOf) s = s.anyOf.find((x) => x.properties) ?? s;
  if (s.properties?.data?.items?.properties) s = s.properties.data.items;
  return Object.entries(s.properties ?? {}).map(([name, f]) => ({
    name,
    type: typeName(f),
    required: (s.required ?? []).includes(name),
    note: [f.description, f.default !== undefined ? `default ${JSON.stringify(f.default)}` : ""].filter(Boolean).join("; "),
  }));
}

