import { expect, test, type Locator, type Page } from "@playwright/test";
import { connectStore, createCampaign, screenshot, signUpBrand, uniq } from "./helpers";

/** The focused element draws a visible outline (the app's :focus-visible ring). */
async function expectVisibleFocus(page: Page, target: Locator) {
  await expect(target).toBeFocused();
  const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
}

test("confirm dialogs trap focus, close on Escape, and return focus to the button that opened them; everything by keyboard", async ({ page }) => {
  const brand = await signUpBrand(page, "Dialogs Co");
  await connectStore(page, brand.slug);
  await createCampaign(page, brand.slug, "Keyboard Campaign");
  const add = page.getByRole("form", { name: "Add a creator" });
  await add.getByLabel("Email").fill(`kai-${uniq()}@example.com`);
  await add.getByLabel("Full name").fill("Kai Keys");
  await add.getByRole("button", { name: "Add creator" }).press("Enter");
  await expect(page.getByRole("heading", { name: "Roster · 1 creator" })).toBeVisible();

  // Remove, by keyboard: the button opens a dialog whose Cancel has focus.
  const remove = page.getByRole("button", { name: "Remove", exact: true });
  await remove.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Remove Kai Keys?" });
  await expect(dialog).toBeVisible();
  const cancel = dialog.getByRole("button", { name: "Cancel" });
  const confirm = dialog.getByRole("button", { name: "Remove creator" });
  await expectVisibleFocus(page, cancel);
  // Tab and Shift+Tab stay inside the dialog.
  await page.keyboard.press("Tab");
  await expectVisibleFocus(page, confirm);
  await page.keyboard.press("Tab");
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(cancel).toBeFocused();
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `dialog-remove-creator-${width}`);
  }
  // Escape closes it, changes nothing, and focus is back on Remove.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(page.getByRole("heading", { name: "Roster · 1 creator" })).toBeVisible();

  // Cancel by keyboard: same.
  await page.keyboard.press("Enter");
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();

  // Confirm by keyboard: the creator is removed.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(remove).toHaveCount(0);
});

test("revoking an API key asks in a dialog that Escape cancels", async ({ page }) => {
  const brand = await signUpBrand(page, "Dialog Keys Co");
  await page.goto(`/brand/${brand.slug}/developers`);
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Key name").fill("Warehouse");
  await form.getByLabel("Key name").press("Enter");
  await expect(page.getByTestId("new-api-key")).toBeVisible();
  const revoke = page.getByRole("button", { name: "Revoke" });
  await revoke.click();
  const dialog = page.getByRole("dialog", { name: 'Revoke "Warehouse"?' });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeFocused();
  await expect(page.getByText("Revoked")).toHaveCount(0);
});
