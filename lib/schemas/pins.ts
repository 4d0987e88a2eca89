// HUD pins as SOAR's /rest/container_pin takes them: a message shown above a value (data), the
// kind of pin and its colour, in SOAR's words.
import { z } from "zod";
import { id, opt } from "./common";

export const PIN_TYPES = ["manual card", "data"] as const;
export const PIN_STYLES = ["", "grey", "blue", "red"] as const;

const pinFields = {
  name: z.string().max(256),
  message: z.string().max(1024),
  // SOAR stores data as text; numbers (counts, scores) arrive as JSON numbers from playbooks.
  data: z.union([z.string().max(10_000), z.number().transform(String)]),
  pin_type: z.enum(PIN_TYPES, { error: `pin_type must be one of: ${PIN_TYPES.map((t) => `"${t}"`).join(", ")}` }),
  pin_style: z.enum(PIN_STYLES, { error: "pin_style must be grey, blue, red or empty" }),
  order: z.number().int().min(0).max(1000),
};

export const newPinSchema = z
  .object({
    container_id: id.optional(),
    container: id.optional(),
    name: opt(pinFields.name, ""),
    message: z.string({ error: "message is required" }).trim().min(1, "message is required").max(1024),
    data: opt(pinFields.data, ""),
    pin_type: opt(pinFields.pin_type, "manual card"),
    pin_style: opt(pinFields.pin_style, ""),
    order: opt(pinFields.order, 0),
  })
  .transform((v, ctx) => {
    const containerId = v.container_id ?? v.container;
    if (containerId === undefined) {
      ctx.addIssue({ code: "custom", message: "container_id (or container) is required", path: ["container_id"] });
      return z.NEVER;
    }
    const { container: _c, container_id: _i, ...rest } = v;
    return { ...rest, container_id: containerId };
  });
export type NewPin = z.output<typeof newPinSchema>;

/** An update changes only the fields given. */
export const pinUpdateSchema = z.object({
  name: pinFields.name.optional(),
  message: z.string().trim().min(1, "message may not be empty").max(1024).optional(),
  data: pinFields.data.optional(),
  pin_type: pinFields.pin_type.optional(),
  pin_style: pinFields.pin_style.optional(),
  order: pinFields.order.optional(),
});
export type PinUpdate = z.output<typeof pinUpdateSchema>;
