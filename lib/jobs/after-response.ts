/**
 * Runs `fn` after the current Next.js response is sent (`after()`), or at once outside a request
 * (scripts, tests, timers). Await it inside the request, so that `after()` is registered in time.
 */
export async function afterResponse(fn: () => unknown): Promise<void> {
  try {
    const { after } = await import("next/server");
    after(fn);
  } catch {
    void fn();
  }
}
