// Inputs for user and token administration, shared by the forms, server actions and the CLI.
import { z } from "zod";
import { ROLES } from "../auth/permissions";
import { isTimeZone } from "../time";

export const username = z
  .string()
  .trim()
  .min(1, "username is required")
  .max(64, "username is at most 64 characters")
  .regex(/^[A-Za-z0-9._@-]+$/, "username may hold letters, digits and . _ @ -");

export const role = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` });

/** The password policy, for new users, changed and reset passwords alike. */
export const newPassword = z.string().min(8, "password must be at least 8 characters").max(1000, "password is at most 1000 characters");

export const newUserSchema = z.object({
  username,
  name: z.string().trim().max(120).optional().default(""),
  role,
  password: z
    .string()
    .max(1000)
    .optional()
    .transform((p) => (p ? p : undefined))
    .refine((p) => p === undefined || p.length >= 8, "password must be at least 8 characters"),
});

export const userRoleSchema = z.object({ userId: z.coerce.number().int().positive(), role });
export const userDisabledSchema = z.object({ userId: z.coerce.number().int().positive(), disabled: z.boolean() });

const EXPIRY_MESSAGE = "expiry must be a whole number of days from 1 to 3650";
/** Days until an API token expires; empty or "never" for a token that does not expire. */
export const tokenExpiryDays = z.preprocess(
  (v) => (v === "" || v === "never" || v === null ? undefined : v),
  z.coerce.number({ error: EXPIRY_MESSAGE }).int(EXPIRY_MESSAGE).min(1, EXPIRY_MESSAGE).max(3650, EXPIRY_MESSAGE).optional(),
);

export const newTokenSchema = z.object({
  userId: z.coerce.number().int().positive(),
  name: z.string().trim().min(1, "give the token a name").max(120),
  expiresDays: tokenExpiryDays,
});

export const tokenIdSchema = z.object({ tokenId: z.coerce.number().int().positive() });

/** An administrator's reset: empty password means "generate one". */
export const passwordResetSchema = z.object({
  userId: z.coerce.number().int().positive(),
  password: z.string().max(1000).optional().transform((p) => (p ? p : undefined)).pipe(newPassword.optional()),
});

/** A user changing their own password on /account. */
export const passwordChangeSchema = z
  .object({
    current: z.string().min(1, "enter your current password").max(1000),
    password: newPassword,
    confirm: z.string().max(1000),
  })
  .refine((v) => v.password === v.confirm, { message: "the two new passwords differ", path: ["confirm"] })
  .refine((v) => v.password !== v.current, { message: "the new password must differ from the current one", path: ["password"] });

export const timeZoneSchema = z.object({
  timeZone: z.string().trim().max(64).refine(isTimeZone, "choose a time zone from the list (an IANA name such as Europe/Paris)"),
});
