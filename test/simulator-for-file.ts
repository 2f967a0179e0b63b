import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/db/client";
import { startSimulator, startWebhookBridge } from "./simulator";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

/**
 * For a test file that talks to Shopify (pushing codes, syncing) but receives no webhooks: an
 * in-process simulator started before the file's tests, closed after them, and the database. Call
 * at the top of the file; read the handles inside tests.
 */
export function simulatorForFile() {
  const handles = {} as { env: Simulator; db: Db };
  beforeAll(async () => {
    handles.env = await startSimulator();
    const { getDb } = await import("@/db/client");
    handles.db = await getDb();
  });
  afterAll(async () => {
    await handles.env?.server.close();
  });
  return handles;
}

/**
 * For a test file that runs the real webhook path: the bridge (APP_URL) and an in-process simulator
 * started before the file's tests (warmed up), closed after them, and the database. Call at the top
 * of the file; read the handles inside tests.
 */
export function simulatorAndBridgeForFile() {
  const handles = {} as { env: Simulator; bridge: Awaited<ReturnType<typeof startWebhookBridge>>; db: Db };
  beforeAll(async () => {
    handles.bridge = await startWebhookBridge();
    handles.env = await startSimulator();
    handles.env.sim.warmup();
    const { getDb } = await import("@/db/client");
    handles.db = await getDb();
  });
  afterAll(async () => {
    await handles.env?.server.close();
    await handles.bridge?.close();
  });
  return handles;
}
