import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { connectStore, createCampaign, inviteCreator, PASSWORD, screenshot, signIn, signOut, signUpBrand, uniq } from "./helpers";

/**
 * Browser protections (issue 15): every page of both portals renders under the strict nonce CSP
 * with no violation, every response carries the security headers, no open redirect, sessions that
 * end on the server, the store-domain pattern, landing URLs.
 */

/** Collects CSP violations (the DOM event and Chromium's console report) and page errors of a context. */
async function watchViolations(context: BrowserContext) {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
  });
  const attach = (page: Page) => {
    page.on("console", (m) => {
      const text = m.text();
      if (/CSP violation|Content Security Policy|Refused to (load|execute|apply|connect|frame)|pattern attribute/i.test(text)) violations.push(`${page.url()}: ${text}`);
    });
    page.on("pageerror", (e) => violations.push(`${page.url()}: page error: ${e.message}`));
  };
  context.pages().forEach(attach);
  context.on("page", attach);
  return violations;
}

function expectPageHeaders(headers: Record<string, string>, url: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, url).toContain("frame-ancestors 'none'");
  expect(csp, url).toContain("object-src 'none'");
  expect(csp, url).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"], url).toBe("DENY");
  expect(headers["x-content-type-options"], url).toBe("nosniff");
  expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
  // Served over http here: no HSTS (it is sent in production over https only).
  expect(headers["strict-transport-security"], url).toBeUndefined();
}

test("every page of both portals renders under the nonce CSP with no violation; every response carries the security headers", async ({ browser }) => {
  test.setTimeout(180_000);
  const brandContext = await browser.newContext();
  const violations = await watchViolations(brandContext);
  const page = await brandContext.newPage();
  const brand = await signUpBrand(page);
  const { domain, sim } = await connectStore(page, brand.slug);
  const campaign = await createCampaign(page, brand.slug);
  const invite = await inviteCreator(page, brand.slug, "Cora Csp");

  // A live code and a sale, so that the dashboard and the creator's earnings draw their charts.
  await page.goto(`/brand/${brand.slug}/campaigns/${campaign.id}`);
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(invite.email);
  await add.getByLabel("Full name").fill("Cora Csp");
  const code = `CORA${uniq().toUpperCase()}`;
  await add.getByLabel("Code (optional)").fill(code);
  await add.getByRole("button", { name: "Add creator" }).click();
  await expect(page.getByTestId("roster").getByRole("row", { name: new RegExp(code, "i") }).getByText("active", { exact: true })).toBeVisible({ timeout: 30_000 });
  await sim.placeOrder(domain, { line_items: [{ title: "Serum", price: "80.00" }], discount_codes: [code], email: `buyer-${uniq()}@example.com` });
  await expect(page.getByTestId("kpi-orders")).toHaveText("1", { timeout: 30_000 });

  const brandPages = ["", "/campaigns", `/campaigns/${campaign.id}`, "/campaigns/new", "/conversions", "/creators", "/discover", "/orders", "/deliveries", "/team", "/developers", "/settings"].map(
    (p) => `/brand/${brand.slug}${p}`,
  );
  const nonces = new Set<string>();
  for (const url of [...brandPages, "/account"]) {
    const res = await page.goto(url);
    expect(res!.status(), url).toBe(200);
    const headers = res!.headers();
    expectPageHeaders(headers, url);
    nonces.add(/'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1]!);
    // Hydrated: the client navigation works (a script blocked by the CSP would leave the page dead).
    await expect(page.locator("main").first()).toBeVisible();
  }
  expect(nonces.size).toBe(brandPages.length + 1);

  // The dashboard draws its chart and reacts to clicks under the CSP.
  await page.goto(`/brand/${brand.slug}/campaigns/${campaign.id}`);
  await expect(page.locator(".recharts-surface").first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await screenshot(page, "security-campaign-csp");

  // The creator portal, in its own browser.
  const creatorContext = await browser.newContext();
  const creatorViolations = await watchViolations(creatorContext);
  const creator = await creatorContext.newPage();
  await creator.goto(invite.link);
  await creator.getByLabel("Your name").fill("Cora Csp");
  await creator.getByLabel("Choose a password").fill(PASSWORD);
  await creator.getByRole("button", { name: "Accept invitation" }).click();
  await expect(creator).toHaveURL(/\/creator$/);
  for (const url of ["/creator", "/creator/earnings", "/creator/profile", "/account"]) {
    const res = await creator.goto(url);
    expect(res!.status(), url).toBe(200);
    expectPageHeaders(res!.headers(), url);
  }
  await creator.goto("/creator/earnings");
  await expect(creator.getByTestId("earnings-chart")).toBeVisible({ timeout: 30_000 });
  await expect(creator.locator(".recharts-surface").first()).toBeVisible();

  // Signed-out pages and the not-found page.
  const anon = await browser.newContext();
  const anonViolations = await watchViolations(anon);
  const visitor = await anon.newPage();
  for (const url of ["/sign-in", "/sign-up", "/forgot-password"]) {
    const res = await visitor.goto(url);
    expect(res!.status(), url).toBe(200);
    expectPageHeaders(res!.headers(), url);
    await expect(visitor.getByRole("heading").first()).toBeVisible();
  }
  const missing = await visitor.goto(`/nothing-here-${uniq()}`);
  expect(missing!.status()).toBe(404);
  expectPageHeaders(missing!.headers(), "404");
  await visitor.goto("/sign-in");
  await visitor.getByRole("link", { name: "Forgot password?" }).click();
  await expect(visitor).toHaveURL(/\/forgot-password$/);

  // API answers: a no-content policy and the static headers.
  for (const url of ["/api/health", "/api/v1/openapi.json", "/api/v1/campaigns"]) {
    const res = await visitor.request.get(url);
    const h = res.headers();
    expect(h["content-security-policy"], url).toContain("default-src 'none'");
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["x-frame-options"], url).toBe("DENY");
  }

  expect([...violations, ...creatorViolations, ...anonViolations]).toEqual([]);
  await Promise.all([brandContext.close(), creatorContext.close(), anon.close()]);
});

async function setupRequest(browser: import("@playwright/test").Browser, url: string) {
  const context = await browser.newContext();
  const status = (await context.request.get(url, { maxRedirects: 0 })).status();
  await context.close();
  return status;
}

test("sign-in never follows a callbackUrl off the site", async ({ browser }) => {
  const setup = await browser.newContext();
  const brand = await signUpBrand(await setup.newPage());
  await setup.close();
  // A tab or newline in the URL is refused outright (400) before any page sees it.
  const withTab = await setupRequest(browser, `/sign-in?callbackUrl=${encodeURIComponent("/\t/evil.example")}`);
  expect(withTab).toBe(400);
  for (const target of ["//evil.example/", "/\\evil.example", "https://evil.example/", "https://evil.example%2F@localhost/"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(brand.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, target).toHaveURL(new RegExp(`/brand/${brand.slug}$`));
    // Already signed in: the sign-in page sends the user home, not to the target.
    const res = await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    expect(new URL(page.url()).host, target).toBe(new URL(res!.url()).host);
    await expect(page, target).toHaveURL(new RegExp(`/brand/${brand.slug}$`));
    await context.close();
  }
});

test("sign-out ends the session on the server; 'Sign out of all devices' ends every one", async ({ browser }) => {
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  const brand = await signUpBrand(laptop);
  // A copy of the laptop's cookies, taken while signed in (what a thief would hold).
  const stolen = await browser.newContext({ storageState: await laptopContext.storageState() });
  const thief = await stolen.newPage();
  await thief.goto(`/brand/${brand.slug}`);
  await expect(thief).toHaveURL(new RegExp(`/brand/${brand.slug}$`));
  await signOut(laptop);
  await thief.goto(`/brand/${brand.slug}`);
  await expect(thief).toHaveURL(/\/sign-in/);

  // Two devices; the phone signs out of everything from the account page.
  await signIn(laptop, brand.email, PASSWORD);
  await expect(laptop).toHaveURL(new RegExp(`/brand/${brand.slug}$`));
  const phoneContext = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const phone = await phoneContext.newPage();
  await signIn(phone, brand.email, PASSWORD);
  await expect(phone).toHaveURL(new RegExp(`/brand/${brand.slug}$`));
  await phone.getByRole("link", { name: "Account" }).click();
  await expect(phone).toHaveURL(/\/account$/);
  await expect(phone.getByTestId("sessions").getByRole("listitem")).toHaveCount(2);
  await expect(phone.getByText("This device")).toHaveCount(1);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(phone, "account-phone");
  await laptop.goto("/account");
  await screenshot(laptop, "account-desktop");
  await phone.getByRole("button", { name: "Sign out of all devices" }).click();
  await expect(phone).toHaveURL(/\/sign-in\?signed_out=everywhere/);
  await expect(phone.getByText("You are signed out on every device.")).toBeVisible();
  await laptop.goto(`/brand/${brand.slug}`);
  await expect(laptop).toHaveURL(/\/sign-in/);

  // Changing the password keeps this device signed in (a fresh session) and ends the others.
  await signIn(laptop, brand.email, PASSWORD);
  await expect(laptop).toHaveURL(new RegExp(`/brand/${brand.slug}$`));
  await signIn(phone, brand.email, PASSWORD);
  await expect(phone).toHaveURL(new RegExp(`/brand/${brand.slug}$`));
  await laptop.goto("/account");
  const form = laptop.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not the password");
  await form.getByLabel("New password", { exact: true }).fill("a new long password");
  await form.getByLabel("New password again").fill("a new long password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Your current password is not right.")).toBeVisible();
  await form.getByLabel("Current password").fill(PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(laptop).toHaveURL(/\/account\?password=changed$/);
  await expect(laptop.getByText("Your password was changed.")).toBeVisible();
  await phone.goto(`/brand/${brand.slug}`);
  await expect(phone).toHaveURL(/\/sign-in/);
  await Promise.all([laptopContext.close(), stolen.close(), phoneContext.close()]);
});

test("the store-domain field's pattern is valid in Chromium; landing URLs stay on the brand's domains", async ({ page }) => {
  const messages: string[] = [];
  page.on("console", (m) => messages.push(m.text()));
  const brand = await signUpBrand(page);
  await page.goto(`/brand/${brand.slug}/settings`);
  const field = page.getByRole("form", { name: "Install the Tally app" }).getByLabel("Store domain");
  await field.fill("not a store domain");
  expect(await field.evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(true);
  await field.fill("glow-skin-care.myshopify.com");
  expect(await field.evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(false);
  await field.fill("glow.myshopify.com.evil.example");
  expect(await field.evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(true);
  expect(messages.filter((m) => /pattern/i.test(m))).toEqual([]);

  const { domain } = await connectStore(page, brand.slug);
  // Not the store's domain, not declared: refused with the reason, on the field.
  await page.goto(`/brand/${brand.slug}/campaigns/new`);
  await page.getByLabel("Campaign name").fill("Landing test");
  await page.getByLabel("Landing page (optional)").fill("https://www.glow-example.test/summer");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByText(/Use a page of your store/)).toBeVisible();
  await page.getByLabel("Landing page (optional)").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  // Declared in Settings: accepted, and the campaign page links to it.
  await page.goto(`/brand/${brand.slug}/settings`);
  const domains = page.getByRole("form", { name: "Storefront domains" });
  await domains.getByLabel("Domains, one per line").fill("glow-example.test\nnot a domain");
  await domains.getByRole("button", { name: "Save domains" }).click();
  await expect(domains.getByText(/not: Use a domain name/)).toBeVisible();
  await domains.getByLabel("Domains, one per line").fill("glow-example.test");
  await domains.getByRole("button", { name: "Save domains" }).click();
  await expect(domains.getByText("Saved.")).toBeVisible();
  await page.goto(`/brand/${brand.slug}/campaigns/new`);
  await page.getByLabel("Campaign name").fill("Landing test");
  await page.getByLabel("Landing page (optional)").fill("https://www.glow-example.test/summer");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/cmp_/);
  await expect(page.getByTestId("landing-page").getByRole("link")).toHaveAttribute("href", "https://www.glow-example.test/summer");
  expect(domain).toMatch(/myshopify\.com$/);
});
