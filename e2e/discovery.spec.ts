import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { connectStore, createCampaign, screenshot, signUpBrand } from "./helpers";

const run = promisify(execFile);

/**
 * Creator discovery in the brand portal: audience search with accents, unlocking an email (the
 * header counter moves), a simulated billing-cycle rollover (the counter resets without a reload),
 * and the one-click add to a campaign. The profile database and the rollover are set up the way an
 * operator would: `npm run discovery:seed` and `npm run tally -- workspace:set-cycle-anchor`, against
 * the e2e server's Postgres database (E2E_DATABASE_URL, which `npm test` always sets).
 */
const databaseUrl = process.env.E2E_DATABASE_URL;

async function operator(script: string, ...args: string[]) {
  if (!databaseUrl) throw new Error("e2e/discovery.spec.ts needs E2E_DATABASE_URL (the e2e server's Postgres database), as `npm test` sets it.");
  const { stdout } = await run("node_modules/.bin/tsx", [script, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, TALLY_SKIP_MIGRATE: "1", TALLY_BCRYPT_COST: "4" },
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // A few thousand generated profiles (deterministic): Los Angeles and "Los Ángeles" audiences among them.
  await operator("scripts/discovery-seed.ts", "--creators", "3000", "--seed", "11", "--if-empty");
});

test("search by audience city ignores case and accents; unlocking shows the email and moves the header counter; a rollover resets it live", async ({ page }) => {
  const brand = await signUpBrand(page);
  const counter = page.getByTestId("unlock-counter");
  await expect(counter).toHaveText("0 / 10");

  await page.goto(`/brand/${brand.slug}/discover`);
  await expect(page.getByRole("heading", { name: "Discover creators" })).toBeVisible();
  const form = page.getByRole("search", { name: "Search creators" });
  await form.getByLabel("Audience in").fill("los angeles");
  await form.getByLabel("Place type").selectOption("city");
  await form.getByLabel("Min. share %").fill("5");
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/audience_location=los\+angeles/);
  const cards = page.getByTestId("creator-card");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThan(1);
  // Each card shows the searched place's share of its audience (at least the 5 % asked for).
  await expect(cards.first().getByText(/^In Los [AÁ]ngeles$/)).toBeVisible();
  await screenshot(page, "discovery-results-desktop");

  // Every result has Los Angeles (either spelling) among its audience cities with ≥ 5 %.
  await cards.first().getByRole("button", { name: /View profile/ }).click();
  const drawer = page.getByTestId("profile-drawer");
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText(/^Los [AÁ]ngeles$/).first()).toBeVisible();
  await expect(drawer.getByTestId("drawer-email")).toHaveCount(0);

  await drawer.getByRole("button", { name: "Unlock email" }).click();
  await expect(drawer.getByTestId("drawer-email")).toHaveText(/@creators\.example$/);
  const email = (await drawer.getByTestId("drawer-email").textContent())!;
  await expect(counter).toHaveText("1 / 10");
  await page.screenshot({ path: "e2e/screenshots/discovery-drawer-unlocked.png" });
  await drawer.getByRole("button", { name: "Close", exact: true }).click();
  await expect(cards.first().getByTestId("card-email")).toHaveText(email);

  // The same search spelled "LOS ÁNGELES" finds the same creators.
  await page.goto(`/brand/${brand.slug}/discover?audience_location=LOS%20%C3%81NGELES&audience_location_type=city&audience_min_share=5`);
  await expect(cards.first().getByTestId("card-email")).toHaveText(email);

  // The operator moves the cycle anchor to now: a new cycle starts, the counter resets without a reload.
  const moved = await operator("scripts/tally.ts", "workspace:set-cycle-anchor", "--workspace", brand.slug, "--anchor", "now");
  expect(moved).toMatchObject({ unlocks: { used: 0, allowance: 10 } });
  await expect(counter).toHaveText("0 / 10", { timeout: 30_000 });
  // The unlocked email stays visible to the workspace (re-unlocking is free).
  await page.reload();
  await expect(cards.first().getByTestId("card-email")).toHaveText(email);
  await expect(counter).toHaveText("0 / 10");

  // A bigger plan raises the allowance.
  await operator("scripts/tally.ts", "workspace:set-plan", "--workspace", brand.slug, "--plan", "growth");
  await expect(counter).toHaveText("0 / 100", { timeout: 30_000 });
});

test("an unlocked creator joins a campaign roster in one click; the portal works on a phone", async ({ page }) => {
  const brand = await signUpBrand(page);
  await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug);

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/brand/${brand.slug}/discover?q=beauty&sort=followers`);
  const cards = page.getByTestId("creator-card");
  await expect(cards.first()).toBeVisible();
  // Each card says which fields the words matched (a beauty creator: at least the niche or bio).
  await expect(cards.first().getByTestId("card-matched")).toContainText(/Matched in.*(niche|bio|name|handle)/);
  await screenshot(page, "discovery-results-phone");
  await page.screenshot({ path: "e2e/screenshots/discovery-results-phone-viewport.png" });
  await cards.first().getByRole("button", { name: /View profile/ }).click();
  const drawer = page.getByTestId("profile-drawer");
  await drawer.getByRole("button", { name: "Unlock email" }).click();
  const email = (await drawer.getByTestId("drawer-email").textContent())!;
  await drawer.getByLabel("Campaign").selectOption({ label: campaign.name });
  await drawer.getByRole("button", { name: "Add to campaign" }).click();
  await expect(drawer.getByRole("status")).toContainText(`Added to ${campaign.name}`);
  await page.screenshot({ path: "e2e/screenshots/discovery-drawer-phone-viewport.png" });

  await page.goto(`/brand/${brand.slug}/campaigns/${campaign.id}`);
  await expect(page.getByText(email)).toBeVisible();
});

test("two unlocks racing for the last unit from two tabs: exactly one gets the email, the other is told the allowance is used up", async ({ page, context }) => {
  const brand = await signUpBrand(page);
  const url = `/brand/${brand.slug}/discover?sort=followers`;
  await page.goto(url);
  const counter = page.getByTestId("unlock-counter");
  const cards = page.getByTestId("creator-card");
  const drawer = page.getByTestId("profile-drawer");
  await expect(cards.nth(10)).toBeVisible();
  for (let i = 0; i < 9; i++) {
    await cards.nth(i).getByRole("button", { name: /View profile/ }).click();
    await drawer.getByRole("button", { name: "Unlock email" }).click();
    await expect(drawer.getByTestId("drawer-email")).toBeVisible();
    await drawer.getByRole("button", { name: "Close", exact: true }).click();
  }
  await expect(counter).toHaveText("9 / 10");

  // A second tab of the same member; each opens a different locked creator, then both unlock at once.
  const other = await context.newPage();
  await other.goto(url);
  await cards.nth(9).getByRole("button", { name: /View profile/ }).click();
  await other.getByTestId("creator-card").nth(10).getByRole("button", { name: /View profile/ }).click();
  const drawers = [drawer, other.getByTestId("profile-drawer")];
  await Promise.all(drawers.map((d) => d.getByRole("button", { name: "Unlock email" }).click()));
  const outcome = async (d: (typeof drawers)[number]) => {
    await expect(d.getByTestId("drawer-email").or(d.getByRole("alert"))).toBeVisible();
    return (await d.getByTestId("drawer-email").count()) > 0 ? "email" : "refused";
  };
  const outcomes = await Promise.all(drawers.map(outcome));
  expect([...outcomes].sort()).toEqual(["email", "refused"]);
  const loser = drawers[outcomes.indexOf("refused")]!;
  await expect(loser.getByRole("alert")).toContainText("used all 10 email unlocks of this cycle");
  await expect(counter).toHaveText("10 / 10", { timeout: 30_000 });
  await page.screenshot({ path: "e2e/screenshots/discovery-allowance-used-up.png" });
  await other.screenshot({ path: "e2e/screenshots/discovery-allowance-used-up-other-tab.png" });

  // An already unlocked creator costs nothing to see again.
  await page.goto(url);
  await cards.nth(3).getByRole("button", { name: /View profile/ }).click();
  await expect(drawer.getByTestId("drawer-email")).toBeVisible();
  await expect(counter).toHaveText("10 / 10");
  await other.close();
});
