export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: from here on every request carries its socket address, tagged (lib/http/client-address.ts).
    const { installSocketAddressTagging } = await import("./lib/http/client-address");
    await installSocketAddressTagging();
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
