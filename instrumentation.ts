export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: from here on every request carries its socket address, and malformed ones are refused
    // before Next.js parses them (lib/http/node-request-guards.ts).
    const { installNodeRequestGuards } = await import("./lib/http/node-request-guards");
    await installNodeRequestGuards();
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
