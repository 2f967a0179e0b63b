import { expect, test, type Browser } from "@playwright/test";
import { acceptAsCreator as acceptInvitation, addToCampaign, connectStore, createCampaign, inviteCreator, screenshot, signUpBrand, uniq } from "./helpers";

/** The creator accepts the brand's invitation in their own browser context (clipboard allowed: the portal copies codes). */
const acceptAsCreator = (browser: Browser, link: string, fullName: string) => acceptInvitation(browser, link, fullName, { permissions: ["clipboard-read", "clipboard-write"] });

test("a creator copies their code, sees a sale appear on Earnings live, then a refund reduce the net; nothing leaks to another creator", async ({ page, browser, request }) => {
  test.setTimeout(180_000);
  const brand = await signUpBrand(page, "Portal Goods");
  const { domain, sim } = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug, "Creator Portal Launch");

  // Creator A: invited on the Creators page, accepts with a password, then gets a code on the campaign.
  const inviteA = await inviteCreator(page, brand.slug, "Nora Creator");
  const a = await acceptAsCreator(browser, inviteA.link, "Nora Creator");
  const code = `NORA${uniq().toUpperCase()}`;
  await addToCampaign(page, brand.slug, campaign.id, inviteA.email, "Nora Creator", code);

  // Home: the code is there and can be copied.
  await a.page.reload();
  const card = a.page.getByTestId("creator-campaign");
  await expect(card).toContainText(code);
  await card.getByRole("button", { name: `Copy code: ${code}` }).click();
  await expect(card.getByText("Copied")).toBeVisible();
  expect(await a.page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // Earnings, before any sale.
  await a.page.getByRole("link", { name: "Earnings" }).first().click();
  await expect(a.page).toHaveURL(/\/creator\/earnings$/);
  await expect(a.page.getByText("No sales yet")).toBeVisible();

  // A sale with the code: $150 of merchandise, 10 % off = $135, 15 % commission = $20.25. No reload: the page polls.
  const placed = await sim.placeOrder(domain, {
    line_items: [
      { title: "Glow Serum", price: "100.00" },
      { title: "Lip Balm", price: "50.00" },
    ],
    discount_codes: [code.toLowerCase()],
    email: `customer-${uniq()}@example.com`,
  });
  await expect(a.page.getByTestId("net-USD")).toHaveText("$20.25", { timeout: 30_000 });
  await expect(a.page.getByTestId("earned-USD")).toHaveText("$20.25");
  const row = a.page.getByTestId("earnings-order").filter({ hasText: placed.order.name });
  await expect(row).toContainText("Portal Goods");
  await expect(row).toContainText("$135.00");
  await expect(row).toContainText("approved");
  await expect(row).toContainText(`Your code ${code}: 15% commission of $135.00 = $20.25.`);
  await expect(a.page.getByTestId("earnings-chart")).toBeVisible();
  // Never the customer's personal data.
  await expect(a.page.locator("main")).not.toContainText("@example.com");
  await screenshot(a.page, "creator-earnings");

  // A refund of the $50 item ($45 after the discount) takes back its share: $6.75. The net drops to $13.50, live.
  await sim.refund(domain, placed.order.id, { line_items: [{ index: 1, quantity: 1 }] });
  await expect(a.page.getByTestId("net-USD")).toHaveText("$13.50", { timeout: 30_000 });
  await expect(a.page.getByTestId("reversed-USD")).toHaveText("−$6.75");
  await expect(row).toContainText("refund $45.00");

  // Phone: no horizontal page overflow (the table scrolls inside its card).
  await a.page.setViewportSize({ width: 375, height: 812 });
  await a.page.reload();
  await expect(a.page.getByTestId("net-USD")).toHaveText("$13.50");
  const overflow = await a.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const scroller = a.page.getByTestId("earnings-orders-scroll");
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await screenshot(a.page, "creator-earnings-phone");

  // Creator A's JSON has the sale; the route takes nothing from the URL.
  const aJson = (await (await a.page.request.get("/api/creator/earnings")).json()) as { orders: { orderName: string }[] };
  expect(aJson.orders.map((o) => o.orderName)).toEqual([placed.order.name]);
  expect(JSON.stringify(aJson)).not.toContain("@example.com");

  // Creator B (same brand, same campaign, no sales) sees none of A's data, through pages or the JSON route.
  const inviteB = await inviteCreator(page, brand.slug, "Otto Other");
  const b = await acceptAsCreator(browser, inviteB.link, "Otto Other");
  await addToCampaign(page, brand.slug, campaign.id, inviteB.email, "Otto Other", `OTTO${uniq().toUpperCase()}`);
  await b.page.goto("/creator/earnings");
  await expect(b.page.getByText("No sales yet")).toBeVisible();
  await expect(b.page.locator("main")).not.toContainText(placed.order.name);
  for (const url of ["/api/creator/earnings", `/api/creator/earnings?creator=${encodeURIComponent(inviteA.email)}&creatorId=x`]) {
    const res = await b.page.request.get(url);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { totals: unknown[]; orders: unknown[]; series: unknown[] };
    expect(body).toMatchObject({ totals: [], orders: [], series: [] });
    expect(JSON.stringify(body)).not.toContain(placed.order.name);
  }
  await b.page.goto("/creator");
  await expect(b.page.locator("main")).not.toContainText(code);

  // Signed out: 401; a brand user who is not a creator: 404.
  expect((await request.get("/api/creator/earnings")).status()).toBe(401);
  expect((await page.request.get("/api/creator/earnings")).status()).toBe(404);
  await page.goto("/creator/earnings");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  // Profile: name and handle are editable.
  await a.page.setViewportSize({ width: 1280, height: 800 });
  await a.page.goto("/creator/profile");
  const profile = a.page.getByRole("form", { name: "Your profile" });
  await profile.getByLabel("Handle").fill("not valid!");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByText("2–30 letters, digits, dots or underscores.")).toBeVisible();
  await profile.getByLabel("Full name").fill("Nora C. Creator");
  await profile.getByLabel("Handle").fill("@nora.makes");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByText("Saved.")).toBeVisible();
  await a.page.reload();
  await expect(a.page.getByRole("form", { name: "Your profile" }).getByLabel("Handle")).toHaveValue("@nora.makes");
  await expect(a.page.getByRole("form", { name: "Your profile" }).getByLabel("Full name")).toHaveValue("Nora C. Creator");

  await a.context.close();
  await b.context.close();
});
