/**
 * A worker loop over a Postgres-backed queue (the embedded runner, used when no Inngest server is
 * configured). The queue itself lives in the domain's table (e.g. webhook deliveries): each lane's
 * `claim` takes the next item with `FOR UPDATE SKIP LOCKED` and marks it claimed until a lease
 * expires; `run` does the job; `rescue` hands back claims whose lease expired (a killed worker) and
 * work whose retry is due. Workers in several processes (the app, `npm run worker`) share the queue
 * safely: SKIP LOCKED gives each item to one of them.
 *
 * Concurrency is bounded by the lanes' slots: a burst never turns into an unbounded number of
 * in-flight promises and database connections. A lane with its own slots (e.g. refunds) is never
 * queued behind another lane's backlog. Idle, only the first slot of each lane polls (every
 * `pollMs`); `wake()` (intake in the same process) starts work at once, and a slot that finds work
 * wakes the next, so the lane ramps up to its slots while there is work.
 */
export type QueueLane<T> = { name: string; slots: number; claim: () => Promise<T | null> };

export type QueueWorkerOptions<T> = {
  lanes: QueueLane<T>[];
  run: (item: T, lane: string) => Promise<void>;
  /** Hands expired claims and due retries back to the queue; returns how many. */
  rescue?: () => Promise<number>;
  rescueEveryMs?: number;
  pollMs?: number;
  /** Slots start after this delay (start-up serves requests first); wake() before then does nothing. */
  startDelayMs?: number;
  onError: (error: unknown, where: "claim" | "run" | "rescue") => void;
};

export type QueueWorker = {
  /** New work in a lane (or in every lane): a waiting slot claims it now. */
  wake(lane?: string): void;
  /** Stops claiming, waits for the jobs in hand to finish. */
  stop(): Promise<void>;
  /** Items run so far, per lane. */
  readonly processed: Record<string, number>;
};

export function startQueueWorker<T>(options: QueueWorkerOptions<T>): QueueWorker {
  const pollMs = options.pollMs ?? 500;
  let running = true;
  let started = false;
  const waiters = new Map<string, Set<() => void>>(options.lanes.map((l) => [l.name, new Set()]));
  const processed: Record<string, number> = Object.fromEntries(options.lanes.map((l) => [l.name, 0]));
  const loops: Promise<void>[] = [];
  const timers: NodeJS.Timeout[] = [];

  const wakeOne = (lane: string) => {
    const set = waiters.get(lane);
    const first = set?.values().next();
    if (first && !first.done) {
      set!.delete(first.value);
      first.value();
    }
  };

  const idle = (lane: string, ms: number) =>
    new Promise<void>((resolve) => {
      const set = waiters.get(lane)!;
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      set.add(done);
      if (Number.isFinite(ms)) timer = setTimeout(done, ms);
    });

  async function slot(lane: QueueLane<T>, index: number): Promise<void> {
    // Only the lane's first slot polls while idle; the others wait to be woken.
    const idleMs = index === 0 ? pollMs : Number.POSITIVE_INFINITY;
    while (running) {
      let item: T | null = null;
      try {
        item = await lane.claim();
      } catch (error) {
        options.onError(error, "claim");
        await idle(lane.name, pollMs);
        continue;
      }
      if (item === null) {
        await idle(lane.name, idleMs);
        continue;
      }
      wakeOne(lane.name); // there may be more: let the next slot look
      try {
        await options.run(item, lane.name);
      } catch (error) {
        options.onError(error, "run");
      }
      processed[lane.name] = (processed[lane.name] ?? 0) + 1;
    }
  }

  const start = () => {
    if (!running) return;
    started = true;
    for (const lane of options.lanes) for (let i = 0; i < lane.slots; i++) loops.push(slot(lane, i));
    if (options.rescue) {
      const rescue = options.rescue;
      let rescuing = false;
      const tick = () => {
        if (rescuing || !running) return;
        rescuing = true;
        rescue()
          .then((n) => {
            if (n > 0) for (const lane of options.lanes) for (let i = 0; i < lane.slots; i++) wakeOne(lane.name);
          })
          .catch((error: unknown) => options.onError(error, "rescue"))
          .finally(() => (rescuing = false));
      };
      tick();
      const interval = setInterval(tick, options.rescueEveryMs ?? 5_000);
      interval.unref();
      timers.push(interval);
    }
  };

  if (options.startDelayMs) {
    const t = setTimeout(start, options.startDelayMs);
    t.unref();
    timers.push(t);
  } else start();

  return {
    processed,
    wake(lane?: string) {
      if (!started) return;
      if (lane) wakeOne(lane);
      else for (const l of options.lanes) wakeOne(l.name);
    },
    async stop() {
      running = false;
      for (const t of timers) clearTimeout(t);
      for (const set of waiters.values()) for (const w of [...set]) w();
      await Promise.all(loops);
    },
  };
}
