import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

/**
 * What every API v1 operation shares in the OpenAPI document: the error object and the statuses
 * every route may answer, the `{ data }` and `{ data, next_cursor }` envelopes, path parameters.
 */

export const ZErrorJson = z.object({
  error: z.object({
    code: z.string().describe("Stable, machine-readable: `not_found`, `validation_failed`, `conflict`, `rate_limited`, …"),
    message: z.string().describe("For people: what went wrong and what to do."),
    details: z.record(z.unknown()).optional().describe("More facts, e.g. `fields` (a message per invalid field) or `reason`."),
  }),
});

const ERROR_STATUSES = {
  "400": "Bad request",
  "401": "Missing, invalid or revoked API key",
  "404": "Not found in this workspace",
  "405": "Method not allowed; the `Allow` header lists the methods this path supports",
  "422": "Validation failed; `details.fields` names each invalid field",
  "429": "Rate limited; see Retry-After",
} as const;

/** Registers the `Error` component; call once, before the paths that use `errorResponses`. */
export function registerError(registry: OpenAPIRegistry) {
  const error = registry.register("Error", ZErrorJson);
  return {
    /** The statuses every operation may answer, each with the `Error` object. */
    errorResponses: Object.fromEntries(
      Object.entries(ERROR_STATUSES).map(([status, description]) => [status, { description, content: { "application/json": { schema: error } } }]),
    ) as Record<string, ResponseConfig>,
    /** A 409 with its meaning for this operation. */
    conflict: (description: string): Record<string, ResponseConfig> => ({ "409": { description, content: { "application/json": { schema: error } } } }),
  };
}

export type SharedResponses = ReturnType<typeof registerError>;

/** `{ data: T }` as an application/json response. */
export const dataOf = <T extends z.ZodTypeAny>(description: string, schema: T): ResponseConfig => ({
  description,
  content: { "application/json": { schema: z.object({ data: schema }) } },
});

/** `{ data: T[], next_cursor }`: one page of a list. */
export const listOf = <T extends z.ZodTypeAny>(description: string, schema: T): ResponseConfig => ({
  description,
  content: { "application/json": { schema: z.object({ data: z.array(schema), next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last.") }) } },
});

/** A JSON request body. */
export const jsonBody = <T extends z.ZodTypeAny>(schema: T, required = true) => ({ required, content: { "application/json": { schema } } });

/** Path parameters, each a string with its description. */
export const pathParams = <K extends string>(params: Record<K, string>) =>
  z.object(Object.fromEntries(Object.entries(params).map(([name, description]) => [name, z.string().describe(description as string)])) as Record<K, z.ZodString>);
