import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { sentEmails } from "@/lib/email/send-email";
import { createTestBrand } from "@/test/factories";
import { sessionOf, signInThroughAuthJs, signOutThroughAuthJs } from "@/test/auth-client";
import { changePassword } from "./change-password";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { endAllUserSessions, listUserSessions } from "./user-sessions";

/** Two devices of the same user, each with its own cookie. */
async function twoDevices() {
  const brand = await createTestBrand();
  const laptop = await signInThroughAuthJs({ email: brand.email, password: brand.password, headers: { "user-agent": "Laptop browser" } });
  const phone = await signInThroughAuthJs({ email: brand.email, password: brand.password, headers: { "user-agent": "Phone browser" } });
  expect([laptop.outcome, phone.outcome]).toEqual(["ok", "ok"]);
  expect((await sessionOf(laptop.cookie))?.user?.email).toBe(brand.email);
  expect((await sessionOf(phone.cookie))?.user?.email).toBe(brand.email);
  return { brand, laptop: laptop.cookie, phone: phone.cookie };
}

describe("sessions end on the server", () => {
  it("a cookie copied before sign-out no longer works after it; the user's other device stays signed in", async () => {
    const { brand, laptop, phone } = await twoDevices();
    const copied = laptop;
    await signOutThroughAuthJs(laptop);
    expect(await sessionOf(copied)).toBeNull();
    expect((await sessionOf(phone))?.user?.email).toBe(brand.email);
  });

  it("a password reset ends every session of that user", async () => {
    const { brand, laptop, phone } = await twoDevices();
    const db = await getDb();
    await requestPasswordReset(db, { email: brand.email });
    await drainInProcessJobs();
    const mail = [...sentEmails()].reverse().find((m) => m.to === brand.email && m.kind === "password-reset");
    await resetPassword(db, { token: mail!.link!.split("/").pop()!, password: "a brand new password" });
    expect(await sessionOf(laptop)).toBeNull();
    expect(await sessionOf(phone)).toBeNull();
  });

  it("a password change ends every earlier session, including the one that changed it", async () => {
    const { brand, laptop, phone } = await twoDevices();
    const db = await getDb();
    await changePassword(db, { userId: brand.user.id, currentPassword: brand.password, newPassword: "another new password" });
    expect(await sessionOf(laptop)).toBeNull();
    expect(await sessionOf(phone)).toBeNull();
    const again = await signInThroughAuthJs({ email: brand.email, password: "another new password" });
    expect(again.outcome).toBe("ok");
  });

  it("a password change needs the current password and changes nothing without it", async () => {
    const { brand, laptop } = await twoDevices();
    const db = await getDb();
    await expect(changePassword(db, { userId: brand.user.id, currentPassword: "not my password", newPassword: "another new password" })).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect((await sessionOf(laptop))?.user?.email).toBe(brand.email);
    expect((await signInThroughAuthJs({ email: brand.email, password: brand.password })).outcome).toBe("ok");
  });

  it("'sign out of all devices' ends every session; the account page lists them before", async () => {
    const { brand, laptop, phone } = await twoDevices();
    const db = await getDb();
    const listed = await listUserSessions(db, brand.user.id);
    expect(listed.map((s) => s.userAgent).sort()).toEqual(["Laptop browser", "Phone browser"]);
    await endAllUserSessions(db, brand.user.id);
    expect(await sessionOf(laptop)).toBeNull();
    expect(await sessionOf(phone)).toBeNull();
    expect(await listUserSessions(db, brand.user.id)).toEqual([]);
  });
});
