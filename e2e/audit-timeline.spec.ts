// The activity timeline is the container's audit trail: shown to roles with audit.read (here an
// analyst), left out for an asset owner, who still sees the event itself.
import { expect, test } from "@playwright/test";
import { cli, createEvent, signIn, unique } from "./helpers";

const analyst = unique("ana");
const owner = unique("own");
const password = "e2e-password-123";
let event = 0;

test.beforeAll(async ({ request }) => {
  await cli(["user", "create", "--name", analyst, "--role", "analyst", "--password", password]);
  await cli(["user", "create", "--name", owner, "--role", "asset_owner", "--password", password]);
  const token = (await cli(["token", "create", "--user", analyst])).trim();
  event = await createEvent(request, token, { name: `Timeline ${unique("t")}`, artifacts: [{ cef: { sourceAddress: "198.51.100.7" } }] });
});

test("an analyst sees the activity timeline; an asset owner sees the event without it", async ({ browser }) => {
  const ana = await (await browser.newContext()).newPage();
  await signIn(ana, analyst, password);
  await ana.goto(`/events/${event}`);
  await expect(ana.getByRole("region", { name: /^Activity/ })).toContainText("created");

  const own = await (await browser.newContext()).newPage();
  await signIn(own, owner, password);
  await own.goto(`/events/${event}`);
  await expect(own.getByRole("region", { name: /^Artifacts/ })).toBeVisible();
  await expect(own.getByRole("region", { name: /^Activity/ })).toHaveCount(0);
});
