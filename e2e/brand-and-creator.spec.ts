import { expect, test } from "@playwright/test";
import { inviteCreator, PASSWORD, screenshot, signIn, signOut, signUpBrand } from "./helpers";

test("a brand signs up and lands on an empty dashboard", async ({ page }) => {
  const brand = await signUpBrand(page, "Sunrise Candles");
  await expect(page.getByRole("heading", { name: "Sunrise Candles" })).toBeVisible();
  await expect(page.getByText("No store connected")).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect your Shopify store" })).toBeVisible();
  await screenshot(page, "brand-empty-dashboard");

  await signOut(page);
  await signIn(page, brand.email, "not the password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await signIn(page, brand.email, brand.password);
  await expect(page).toHaveURL(new RegExp(`/brand/${brand.slug}$`));
});

test("a brand invites a creator, who accepts and lands in the creator portal", async ({ page, browser }) => {
  const brand = await signUpBrand(page);
  const invite = await inviteCreator(page, brand.slug, "Nora Creator");
  await expect(page.getByRole("cell", { name: "Nora Creator" })).toBeVisible();
  await expect(page.getByText("Invited", { exact: true })).toBeVisible();
  await screenshot(page, "brand-creators");

  const creatorContext = await browser.newContext();
  const creator = await creatorContext.newPage();
  await creator.goto(invite.link);
  await expect(creator.getByRole("heading", { name: `Join ${brand.brandName}` })).toBeVisible();
  await screenshot(creator, "invite-accept");
  await creator.getByLabel("Your name").fill("Nora Creator");
  await creator.getByLabel("Choose a password").fill(PASSWORD);
  await creator.getByRole("button", { name: "Accept invitation" }).click();
  await expect(creator).toHaveURL(/\/creator$/);
  await expect(creator.getByRole("heading", { name: "Hi Nora" })).toBeVisible();
  await expect(creator.getByRole("heading", { name: brand.brandName })).toBeVisible();
  await screenshot(creator, "creator-home");

  // The link works once.
  await creator.goto(invite.link);
  await expect(creator.getByText("Invitation not found")).toBeVisible();

  // Sign out and back in: creators land in their portal.
  await creator.goto("/creator");
  await signOut(creator);
  await signIn(creator, invite.email, PASSWORD);
  await expect(creator).toHaveURL(/\/creator$/);
  await creatorContext.close();

  await page.reload();
  await expect(page.getByText("Joined", { exact: true })).toBeVisible();
});

test("a teammate accepts an invitation into the brand portal; a user in two portals gets a switcher", async ({ page, browser }) => {
  const brand = await signUpBrand(page, "Switcher Co");
  // The owner also becomes a creator of their own brand: both portals.
  await page.goto(`/brand/${brand.slug}/creators`);
  const form = page.getByRole("form", { name: "Invite a creator" });
  await form.getByLabel("Email").fill(brand.email);
  await form.getByLabel("Full name").fill("Olivia Owner");
  await form.getByRole("button", { name: "Invite creator" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  await page.goto(link);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(/\/creator$/);
  await page.getByRole("button", { name: /Switch portal/ }).click();
  await page.getByRole("menuitem", { name: /Switcher Co/ }).click();
  await expect(page).toHaveURL(new RegExp(`/brand/${brand.slug}$`));

  await page.goto(`/brand/${brand.slug}/team`);
  const teamForm = page.getByRole("form", { name: "Invite a teammate" });
  const mate = `mate-${Date.now()}@example.com`;
  await teamForm.getByLabel("Email").fill(mate);
  await teamForm.getByRole("button", { name: "Invite teammate" }).click();
  const teamLink = (await page.getByTestId("invite-link").textContent())!;
  const ctx = await browser.newContext();
  const matePage = await ctx.newPage();
  await matePage.goto(teamLink);
  await matePage.getByLabel("Your name").fill("Max Mate");
  await matePage.getByLabel("Choose a password").fill(PASSWORD);
  await matePage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(matePage).toHaveURL(new RegExp(`/brand/${brand.slug}$`));
  // Members cannot invite or create keys.
  await matePage.goto(`/brand/${brand.slug}/developers`);
  await expect(matePage.getByRole("form", { name: "Create an API key" })).toHaveCount(0);
  await ctx.close();
});

test("API keys: create, use, revoke from the Developers page", async ({ page, request }) => {
  const brand = await signUpBrand(page);
  await page.goto(`/brand/${brand.slug}/developers`);
  await page.getByLabel("Key name").fill("Warehouse sync");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!;
  expect(key).toMatch(/^tly_/);
  await screenshot(page, "brand-developers");

  const ok = await request.get("/api/v1/creators", { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ data: [], next_cursor: null });

  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("Revoked")).toBeVisible();
  const revoked = await request.get("/api/v1/creators", { headers: { authorization: `Bearer ${key}` } });
  expect(revoked.status()).toBe(401);
});

test("forgot password: the page never reveals whether an account exists", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("If an account exists for that email")).toBeVisible();
});
