import { createServer, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { screenshot, signUpBrand, uniq } from "./helpers";

/**
 * Issue 20, Developers → Webhooks in the browser, against a receiver on localhost (the private origin
 * playwright.config.ts allows): add an endpoint (the form refuses http and private addresses in
 * production), send a test event that the receiver refuses, watch it retried, then disabled once the
 * endpoint has failed for 3 days (the 3 days are set back with SQL), see it flagged, fix the receiver,
 * turn it back on, re-send the failed delivery and verify its Standard Webhooks signature; rotate the
 * secret and verify with either secret.
 */
type Received = { path: string; headers: Record<string, string>; body: string };

function startReceiver(origin: string) {
  const received: Received[] = [];
  const state = { status: 500 };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers as Record<string, string>, body });
      res.statusCode = req.url?.startsWith("/hooks-") ? state.status : 200;
      res.end(res.statusCode === 200 ? "thanks" : "receiver is down for maintenance");
    });
  });
  const { hostname, port } = new URL(origin);
  return new Promise<{ received: Received[]; state: typeof state; close: () => Promise<void> }>((resolve) =>
    server.listen(Number(port), hostname, () =>
      resolve({
        received,
        state,
        close: () => {
          server.closeAllConnections();
          return new Promise((r) => server.close(() => r()));
        },
      }),
    ),
  );
}

test("a failing endpoint is retried, disabled, flagged in the portal, and re-sending works", async ({ page }) => {
  const dbUrl = process.env.E2E_DATABASE_URL;
  if (!dbUrl) throw new Error("This test sets an endpoint's failures 3 days back with SQL: run it with E2E_DATABASE_URL (npm test does).");
  const origin = process.env.E2E_RECEIVER_ORIGIN!;
  const receiver = await startReceiver(origin);
  const path = `/hooks-${uniq()}`;
  const mine = () => receiver.received.filter((r) => r.path === path);
  try {
    const brand = await signUpBrand(page, "Hook Line");
    await page.goto(`/brand/${brand.slug}/developers`);
    await page.getByRole("link", { name: "Manage webhooks", exact: true }).click();
    await expect(page.getByRole("heading", { name: "No webhook endpoints yet", exact: true })).toBeVisible();
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, "webhooks-empty-375");
    await page.setViewportSize({ width: 1280, height: 900 });

    // The form: http and private addresses are refused in production, each with its reason beside the URL.
    const form = page.getByRole("form", { name: "Add an endpoint" });
    const url = form.getByLabel("Endpoint URL");
    await url.fill("http://example.com/hooks");
    await form.getByRole("button", { name: "Add endpoint", exact: true }).click();
    await expect(url).toHaveAccessibleDescription("The URL must start with https:// (http is only for development).");
    await url.fill("https://127.0.0.2/hooks");
    await form.getByRole("button", { name: "Add endpoint", exact: true }).click();
    await expect(url).toHaveAccessibleDescription(/points to a private, loopback or link-local address \(127\.0\.0\.2\)/);
    await expect(url).toHaveValue("https://127.0.0.2/hooks");

    await url.fill(`${origin}${path}`);
    await form.getByLabel("Description (optional)").fill("Finance sync");
    await form.getByRole("checkbox", { name: /conversion\.refunded/ }).check();
    await form.getByRole("button", { name: "Add endpoint", exact: true }).click();
    const secret = (await form.getByTestId("signing-secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByTestId("webhook-endpoints").getByRole("row", { name: /Finance sync.*1 type.*Enabled/ })).toBeVisible();
    await screenshot(page, "webhooks-list-1280");

    // A test event: the receiver answers 500, so the delivery is retried.
    await page.getByRole("link", { name: `${origin}${path}`, exact: true }).click();
    await expect(page.getByRole("heading", { name: "No deliveries yet", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Send test event", exact: true }).click();
    const delivery = page.getByTestId("delivery").first();
    await expect(delivery).toHaveAttribute("data-status", "retrying");
    await expect(delivery).toContainText("500");
    expect(mine().length).toBeGreaterThanOrEqual(1);
    await expect(page.getByRole("status").filter({ hasText: "Every attempt has failed since" })).toBeVisible();
    await delivery.getByText("webhook.test", { exact: true }).click();
    await expect(delivery.getByTestId("delivery-response")).toHaveText("receiver is down for maintenance");

    // 3 days of failures (set back with SQL), and the next attempt is due: it fails, and the endpoint is disabled.
    const sql = postgres(dbUrl, { onnotice: () => {}, max: 1 });
    try {
      const endpointId = new URL(page.url()).pathname.split("/").pop()!;
      await sql`update webhook_endpoints set failing_since = now() - interval '3 days 1 minute' where id = ${endpointId}`;
      await sql`update event_deliveries set next_attempt_at = now() where endpoint_id = ${endpointId} and status = 'retrying'`;
    } finally {
      await sql.end();
    }
    await expect(page.getByText("This endpoint is disabled: it receives nothing.")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Every delivery failed for 3 days/)).toBeVisible();
    await expect(delivery).toHaveAttribute("data-status", "failed");
    expect(mine().length).toBeGreaterThanOrEqual(2);
    expect(new Set(mine().map((r) => r.headers["webhook-id"])).size).toBe(1); // the same message each time
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, "webhook-endpoint-disabled-375");
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, "webhook-endpoint-disabled-1280");
    await page.goto(`/brand/${brand.slug}/developers/webhooks`);
    await expect(page.getByTestId("webhook-endpoints").getByRole("row", { name: /Disabled.*1 failed/ })).toBeVisible();
    await page.goBack();

    // Fixed: turn it back on, re-send the failed delivery; it arrives signed with the secret shown on the form.
    receiver.state.status = 200;
    await page.getByRole("button", { name: "Turn back on", exact: true }).click();
    await expect(page.getByText("This endpoint is disabled: it receives nothing.")).toBeHidden();
    await page.getByRole("button", { name: "Re-send all failed", exact: true }).click();
    await expect(page.getByText("1 failed delivery sent again.")).toBeVisible();
    await expect(delivery).toHaveAttribute("data-status", "delivered");
    await expect(delivery).toContainText("200");
    const last = mine().at(-1)!;
    const verified = new Webhook(secret).verify(last.body, last.headers) as { type: string };
    expect(verified.type).toBe("webhook.test");
    await screenshot(page, "webhook-endpoint-delivered-1280");

    // Rotation: the new secret is shown; during 24 h both sign, so a receiver holding either verifies.
    await page.getByRole("button", { name: "Rotate secret", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Rotate secret", exact: true }).click();
    const rotated = page.getByRole("form", { name: "Rotate the signing secret" }).getByTestId("signing-secret");
    await expect(rotated).toHaveText(/^whsec_/);
    const newSecret = (await rotated.textContent())!;
    expect(newSecret).not.toBe(secret);
    const before = mine().length;
    await page.getByRole("button", { name: "Send test event", exact: true }).click();
    await expect.poll(() => mine().length).toBe(before + 1);
    const rotatedMessage = mine().at(-1)!;
    for (const s of [secret, newSecret]) expect(new Webhook(s).verify(rotatedMessage.body, rotatedMessage.headers)).toMatchObject({ type: "webhook.test" });
    await page.getByRole("button", { name: "Reveal secret", exact: true }).click();
    await expect(page.getByRole("form", { name: "Reveal the signing secret" }).getByTestId("signing-secret")).toHaveText(newSecret);
  } finally {
    await receiver.close();
  }
});
