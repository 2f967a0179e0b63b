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
