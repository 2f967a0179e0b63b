/**
 * `npm run dev`: the newcomer's one command. Starts the app in development with demo data
 * (seeded on first start into the embedded database, or into DATABASE_URL when set).
 */
import { spawn, type ChildProcess } from "node:child_process";

const port = process.env.PORT ?? "3000";
const children: ChildProcess[] = [];

function start(name: string, command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  child.on("exit", (code) => {
    console.log(`[dev] ${name} exited (${code ?? "signal"}); stopping.`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}

function shutdown(code: number) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

start("next", "node_modules/.bin/next", ["dev", "--port", port], {
  TALLY_DEMO: process.env.TALLY_DEMO ?? "1",
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
});
