import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createJobFunction } from "@/inngest/create-job-function";
import { sendEmail } from "@/inngest/functions/send-email";
import { sentEmails } from "@/lib/email/send-email";
import { defineJob } from "./define-job";
import { enqueue } from "./enqueue";
import { drainInProcessJobs } from "./run-in-process";

describe("jobs", () => {
  it("without an Inngest server, enqueue runs the job in-process and retries failures", async () => {
    let calls = 0;
    const flaky = defineJob({
      event: "test/flaky",
      id: "flaky",
      schema: z.object({ n: z.number() }),
      retries: 2,
      run: async (data, step) => {
        calls++;
        if (calls < 2) throw new Error("transient");
        return step.run("double", async () => data.n * 2);
      },
    });
    await enqueue(flaky, { n: 21 });
    await drainInProcessJobs();
    expect(calls).toBe(2);
  }, 10_000);

  it("serializes in-process runs that share a concurrency key", async () => {
    const order: string[] = [];
    const job = defineJob({
      event: "test/serial",
      id: "serial",
      schema: z.object({ ws: z.string(), label: z.string(), wait: z.number() }),
      concurrencyKey: (d) => d.ws,
      run: async (d) => {
        order.push(`start ${d.label}`);
        await new Promise((r) => setTimeout(r, d.wait));
        order.push(`end ${d.label}`);
      },
    });
    await enqueue(job, { ws: "w1", label: "a", wait: 30 });
    await enqueue(job, { ws: "w1", label: "b", wait: 1 });
    await drainInProcessJobs();
    expect(order).toEqual(["start a", "end a", "start b", "end b"]);
  });

  it("a run waiting for its retry gives its slot back: failing work never holds back the work behind it", async () => {
    const calls = new Map<string, number>();
    let failingCallsWhenValidRan = -1;
    const failingCalls = () => [...calls].filter(([label]) => label !== "valid").reduce((s, [, n]) => s + n, 0);
    const job = defineJob({
      event: "test/head-of-line",
      id: "head-of-line",
      schema: z.object({ ws: z.string(), label: z.string(), fail: z.boolean() }),
      concurrencyKey: (d) => d.ws,
      concurrencyLimit: 2,
      retries: 2,
      run: async (d) => {
        calls.set(d.label, (calls.get(d.label) ?? 0) + 1);
        if (d.fail) throw new Error("cannot be processed yet");
        failingCallsWhenValidRan = failingCalls();
      },
    });
    for (let i = 0; i < 4; i++) await enqueue(job, { ws: "w-hol", label: `failing-${i}`, fail: true });
    await enqueue(job, { ws: "w-hol", label: "valid", fail: false });
    await drainInProcessJobs();
    // Every failing run used its three attempts, and the valid one ran once — before any failing run's
    // second attempt: the failing ones waited for their retries without holding the workspace's lane.
    expect(failingCalls()).toBe(12);
    expect(calls.get("valid")).toBe(1);
    expect(failingCallsWhenValidRan).toBe(4);
  });

  it("in-process runs are bounded in total (TALLY_WORKER_CONCURRENCY), across concurrency keys", async () => {
    let running = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const job = defineJob({
      event: "test/bounded",
      id: "bounded",
      schema: z.object({ ws: z.string() }),
      concurrencyKey: (d) => d.ws,
      run: async () => {
        running++;
        most = Math.max(most, running);
        await gate;
        running--;
      },
    });
    // A backlog of twelve workspaces' work, as after a restart: only four start; the rest wait their turn.
    for (let i = 0; i < 12; i++) await enqueue(job, { ws: `w-bounded-${i}` });
    while (running < 4) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(running).toBe(4);
    release();
    await drainInProcessJobs();
    expect(most).toBe(4);
  });

  it("a job with a dedupe key is not queued twice while the first is still waiting", async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const job = defineJob({
      event: "test/dedupe",
      id: "dedupe",
      schema: z.object({ ws: z.string(), item: z.string() }),
      concurrencyKey: (d) => d.ws,
      dedupeKey: (d) => d.item,
      run: async (d) => {
        if (d.item === "blocker") await gate;
        else runs++;
      },
    });
    await enqueue(job, { ws: "w-dedupe", item: "blocker" });
    for (let i = 0; i < 3; i++) await enqueue(job, { ws: "w-dedupe", item: "a" });
    release();
    await drainInProcessJobs();
    expect(runs).toBe(1);
  });

  it("rejects invalid job data before anything runs", async () => {
    const job = defineJob({ event: "test/strict", id: "strict", schema: z.object({ id: z.string() }), run: vi.fn() });
    await expect(enqueue(job, { id: 5 } as never)).rejects.toThrow();
    expect(job.run).not.toHaveBeenCalled();
  });

  it("the same job runs as an Inngest function (InngestTestEngine)", async () => {
    const t = new InngestTestEngine({ function: sendEmail });
    const before = sentEmails().length;
    const { error, ctx } = await t.execute({
      events: [{ name: "tally/email.send", data: { to: "x@example.com", subject: "Hi", text: "Body", kind: "test" } }],
    });
    expect(error).toBeUndefined();
    expect(ctx.step.run).toHaveBeenCalledWith("send", expect.any(Function));
    expect(sentEmails().length).toBe(before + 1);
  });

  it("an Inngest function fails visibly when its event data is invalid", async () => {
    const fn = createJobFunction(
      defineJob({ event: "test/typed", id: "typed", schema: z.object({ id: z.string() }), run: async () => "never" }),
    );
    const t = new InngestTestEngine({ function: fn });
    const { error } = await t.execute({ events: [{ name: "test/typed", data: { id: 1 } }] });
    expect(error).toBeTruthy();
  });
});
