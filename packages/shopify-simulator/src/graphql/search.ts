/**
 * A subset of Shopify's search syntax (https://shopify.dev/docs/api/usage/search-syntax) for the
 * `query:` argument: `field:value`, comparators (`field:>=v`, `:<`, `:>`, `:<=`), quoted values,
 * implicit/explicit AND, OR, and negation (`-field:v` / `NOT field:v`). Free text without a field
 * matches a default text (e.g. order name/email).
 *
 * Time values: ISO timestamps ("2026-09-01T00:00:00Z"), dates ("2026-09-01", UTC midnight), a year
 * ("2024"), or `now`. Equality on a date/year matches the whole day/year.
 */

export type Comparator = ">" | ">=" | "<" | "<=" | "=";

export interface SearchTerm {
  field: string | null;
  comparator: Comparator;
  value: string;
  negated: boolean;
}

/** Disjunction of conjunctions: [[a, b], [c]] = (a AND b) OR c. */
export type SearchQuery = SearchTerm[][];

export interface SearchWarning {
  field: string;
  message: string;
}

function tokenize(input: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? "";
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "(" || ch === ")") {
      // Parentheses are not supported; treat them as separators.
      i++;
      continue;
    }
    let tok = "";
    while (i < input.length && !/\s/.test(input[i] ?? "")) {
      const c = input[i] ?? "";
      if (c === "'" || c === '"') {
        const end = input.indexOf(c, i + 1);
        const stop = end === -1 ? input.length : end;
        tok += input.slice(i, stop + 1);
        i = stop + 1;
        continue;
      }
      if (c === "(" || c === ")") break;
      tok += c;
      i++;
    }
    if (tok) tokens.push(tok);
  }
  // "field: >=value" (space after the colon) is one term.
  const merged: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] ?? "";
    const next = tokens[k + 1];
    if (t.endsWith(":") && !t.startsWith("'") && !t.startsWith('"') && next !== undefined) {
      merged.push(t + next);
      k++;
    } else merged.push(t);
  }
  return merged;
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && (t[0] === "'" || t[0] === '"') && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t.replace(/^['"]|['"]$/g, "");
}

export function parseSearchQuery(input: string | null | undefined): SearchQuery {
  if (!input || !input.trim()) return [];
  const tokens = tokenize(input);
  const groups: SearchTerm[][] = [[]];
  let negateNext = false;
  for (const raw of tokens) {
    if (raw === "AND") continue;
    if (raw === "OR") {
      groups.push([]);
      continue;
    }
    if (raw === "NOT") {
      negateNext = true;
      continue;
    }
    let tok = raw;
    let negated = negateNext;
    negateNext = false;
    if (tok.startsWith("-") && tok.length > 1) {
      negated = !negated;
      tok = tok.slice(1);
    }
    const colon = tok.indexOf(":");
    const current = groups[groups.length - 1] ?? [];
    if (colon <= 0 || tok[0] === "'" || tok[0] === '"') {
      current.push({ field: null, comparator: "=", value: unquote(tok), negated });
      continue;
    }
    const field = tok.slice(0, colon).toLowerCase();
    let rest = tok.slice(colon + 1).trimStart();
    let comparator: Comparator = "=";
    const m = /^(>=|<=|>|<|=)/.exec(rest);
    if (m?.[1]) {
      comparator = m[1] as Comparator;
      rest = rest.slice(m[1].length);
    }
    current.push({ field, comparator, value: unquote(rest), negated });
  }
  return groups.filter((g) => g.length > 0);
}

/** A time value as a [start, end) range in epoch ms. */
export function parseTimeRange(value: string, now: number): [number, number] | null {
  const v = value.trim();
  if (v.toLowerCase() === "now") return [now, now + 1];
  if (/^\d{4}$/.test(v)) {
    const y = Number(v);
    return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const start = Date.parse(`${v}T00:00:00Z`);
    return Number.isNaN(start) ? null : [start, start + 86_400_000];
  }
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`;
  const ms = Date.parse(withZone.replace(" ", "T"));
  if (Number.isNaN(ms)) return null;
  const hasFraction = /\.\d+/.test(v);
  return [ms, ms + (hasFraction ? 1 : 1000)];
}

export function compareTime(actual: number, t: SearchTerm, now: number): boolean {
  const range = parseTimeRange(t.value, now);
  if (!range) return false;
  const [start, end] = range;
  switch (t.comparator) {
    case ">":
      return actual >= end;
    case ">=":
      return actual >= start;
    case "<":
      return actual < start;
    case "<=":
      return actual < end;
    default:
      return actual >= start && actual < end;
  }
}

export function compareNumber(actual: number, t: SearchTerm): boolean {
  const n = Number(t.value);
  if (Number.isNaN(n)) return false;
  switch (t.comparator) {
    case ">":
      return actual > n;
    case ">=":
      return actual >= n;
    case "<":
      return actual < n;
    case "<=":
      return actual <= n;
    default:
      return actual === n;
  }
}

export function compareString(actual: string | null | undefined, t: SearchTerm): boolean {
  if (actual === null || actual === undefined) return t.value === "";
  if (t.value === "*") return actual !== "";
  return actual.toLowerCase() === t.value.toLowerCase();
}

/**
 * Evaluates `query` against an item. `matchers[field]` decides a term; unknown fields are ignored
 * (Shopify ignores them too, with a warning in `extensions.search`).
 */
export function matchesSearch<T>(
  query: SearchQuery,
  item: T,
  matchers: Record<string, (item: T, term: SearchTerm) => boolean>,
  defaultMatcher: (item: T, term: SearchTerm) => boolean,
): boolean {
  if (query.length === 0) return true;
  return query.some((group) =>
    group.every((term) => {
      const m = term.field === null ? defaultMatcher : matchers[term.field];
      if (!m) return true;
      const r = m(item, term);
      return term.negated ? !r : r;
    }),
  );
}

export function searchWarnings(query: SearchQuery, known: readonly string[]): SearchWarning[] {
  const out: SearchWarning[] = [];
  for (const group of query) {
    for (const t of group) {
      if (t.field !== null && !known.includes(t.field) && !out.some((w) => w.field === t.field)) {
        out.push({ field: t.field, message: "Invalid search field for this query." });
      }
    }
  }
  return out;
}

/** A description of the parsed query in the spirit of Shopify's `extensions.search[].parsed`. */
export function describeSearch(query: SearchQuery): Record<string, unknown> {
  const term = (t: SearchTerm): Record<string, unknown> => {
    const key = { ">": "range_gt", ">=": "range_gte", "<": "range_lt", "<=": "range_lte", "=": "match_all" }[t.comparator];
    const base: Record<string, unknown> = { field: t.field ?? "default", [key]: t.value };
    return t.negated ? { not: base } : base;
  };
  const groups = query.map((g) => (g.length === 1 && g[0] ? term(g[0]) : { and: g.map(term) }));
  if (groups.length === 0) return {};
  return groups.length === 1 && groups[0] ? groups[0] : { or: groups };
}
