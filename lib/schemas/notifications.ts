// Notification settings (administrators) and a user's email preferences (/account).
import { z } from "zod";
import { id } from "./common";

export const notificationSettingsSchema = z.object({
  smtpAssetId: id.nullable(),
  atRiskPercent: z.number({ error: "at risk: a percentage" }).int("at risk: a whole percentage").min(1, "at risk: at least 1%").max(99, "at risk: at most 99%"),
});

export const emailPreferencesSchema = z.object({
  email: z.string().trim().max(320, "email: at most 320 characters"),
  optOut: z.array(z.string().max(64)).max(50),
});
