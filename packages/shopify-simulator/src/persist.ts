import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Store } from "./store";

/**
 * Keeps a simulator's store in a JSON file: loads it at start, writes it within `intervalMs` of any
 * change (and once more on `stop()`), atomically (a temporary file renamed over the old one). The
 * demo's store — its discount codes, orders and customers — then survives a restart of `npm run dev`.
 */
export function persistStore(store: Store, file: string, options: { intervalMs?: number; log?: (line: string) => void } = {}) {
  let loaded = false;
  if (existsSync(file)) {
    try {
      store.restore(readFileSync(file, "utf8"));
      loaded = true;
    } catch (error) {
      options.log?.(`could not read ${file} (${error instanceof Error ? error.message : String(error)}); starting empty`);
    }
  }
  let last = loaded ? store.snapshot() : "";
  const save = () => {
    const now = store.snapshot();
    if (now === last) return;
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, now);
    renameSync(tmp, file);
    last = now;
  };
  const timer = setInterval(save, options.intervalMs ?? 1_000);
  timer.unref();
  return {
    /** Whether the store was loaded from the file. */
    loaded,
    save,
    stop() {
      clearInterval(timer);
      save();
    },
  };
}
