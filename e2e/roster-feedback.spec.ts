import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { connectStore, createCampaign, screenshot, signUpBrand, uniq } from "./helpers";

test("adding a creator who is already on the roster says so; after a CSV upload every count on the page is fresh without a reload", async ({ page }, testInfo) => {
  const brand = await signUpBrand(page, "Roster Words Co");
  await connectStore(page, brand.slug);
  await createCampaign(page, brand.slug, "Roster Words");
  const tag = uniq();
  const add = page.getByRole("form", { name: "Add a creator" });
  const addCreator = async () => {
    await add.getByLabel("Email").fill(`lia-${tag}@example.com`);
    await add.getByLabel("Full name").fill("Lia Long");
    await add.getByLabel("Code (optional)").fill(`LIA${tag.toUpperCase()}`);
    await add.getByRole("button", { name: "Add creator" }).click();
  };
  await addCreator();
  await expect(add.getByRole("status").or(add.getByRole("alert"))).toContainText(`Creator added; their code LIA${tag.toUpperCase()} is being created in Shopify.`);
  await expect(page.getByRole("heading", { name: "Roster · 1 creator" })).toBeVisible();

  // The same creator again: nothing changed, and the page says so (not "Creator added").
  await addCreator();
  await expect(add.getByRole("status").or(add.getByRole("alert"))).toContainText(`Already on this campaign's roster with the code LIA${tag.toUpperCase()}: nothing changed.`);
  await expect(page.getByRole("heading", { name: "Roster · 1 creator" })).toBeVisible();

  // A CSV with her again and two new creators: the summary counts each kind; the roster's count follows.
  const file = testInfo.outputPath("roster.csv");
  writeFileSync(file, ["email,full name,handle", `lia-${tag}@example.com,Lia Long,`, `max-${tag}@example.com,Max Moss,`, `noa-${tag}@example.com,Noa North,`].join("\n"));
  const upload = page.getByRole("form", { name: "Upload a CSV" });
  await upload.getByLabel("CSV file").setInputFiles(file);
  await upload.getByRole("button", { name: "Upload creators" }).click();
  await expect(page.getByTestId("upload-summary")).toHaveText("2 creators added, 1 was already on the roster (nothing changed).");
  await expect(page.getByRole("heading", { name: "Roster · 3 creators" })).toBeVisible();
  await expect(page.getByTestId("creator-count")).toHaveText("3 creators");
  await screenshot(page, "roster-feedback");
});
