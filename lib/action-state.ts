/**
 * What every server action returns to its form: data, or an error with field messages. A leaf (no
 * imports), so that components can name it without pulling in the server-action wrappers.
 */
export type ActionState<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: { code: string; message: string; fields?: Record<string, string[]> } }
  | null;
