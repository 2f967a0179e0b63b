/**
 * The server log. Lines carry an event name, ids and what kind of error happened — never tokens,
 * links with tokens, email addresses or SQL parameters. Everything the app logs goes through here
 * (no `console.*` with request data elsewhere), and messages are redacted on the way out, because
 * error messages quote their input: a failed query prints its parameters, a unique violation its
 * values.
 */
type Ids = Record<string, string | number | boolean | null | undefined>;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Token-like runs (base64url/hex secrets, API keys, bearer tokens): 20+ characters mixing letters and digits. */
const TOKEN = /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{20,}\b/g;
/** Tally's own public ids (`cmp_01…`, `usr_01…`) are fine to log: they are how a line is traced. */
const PUBLIC_ID = /^[a-z]{2,4}_[0-9a-hjkmnp-tv-z]{26}$/;

/** Removes email addresses and secrets from free text; ids stay. */
export function redact(text: string): string {
  return text.replace(EMAIL, "<email>").replace(TOKEN, (m) => (PUBLIC_ID.test(m) ? m : "<secret>"));
}

function describeError(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return redact(String(error)).slice(0, 500);
  // drizzle's "Failed query: … params: …" and postgres' `detail` quote values: keep the query, drop the values.
  const message = redact(error.message.split("\nparams:")[0]!).slice(0, 1000);
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .join("\n");
  let out = `${error.name}${typeof code === "string" ? ` [${code}]` : ""}: ${message}${frames ? `\n${frames}` : ""}`;
  const cause = (error as { cause?: unknown }).cause;
  if (cause && depth < 3) out += `\n  caused by ${describeError(cause, depth + 1)}`;
  return out;
}

function format(event: string, ids?: Ids): string {
  const parts = Object.entries(ids ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k}=${redact(String(v))}`);
  return `[tally] ${event}${parts.length ? ` ${parts.join(" ")}` : ""}`;
}

export function logInfo(event: string, ids?: Ids): void {
  console.log(format(event, ids));
}

export function logWarn(event: string, ids?: Ids): void {
  console.warn(format(event, ids));
}

export function logError(event: string, error?: unknown, ids?: Ids): void {
  console.error(error === undefined ? format(event, ids) : `${format(event, ids)}: ${describeError(error)}`);
}
