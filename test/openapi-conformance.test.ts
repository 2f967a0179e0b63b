import { describe, expect, it } from "vitest";
import { expectDocumentedError, expectDocumentedResponse } from "./openapi-conformance";

describe("expectDocumentedResponse", () => {
  const error = { error: { code: "not_found", message: "Campaign not found." } };

  it("accepts a body the document describes", () => {
    expectDocumentedResponse("GET", "/api/v1/campaigns/cmp_1", 404, error);
    expectDocumentedResponse("GET", "/api/v1/conversions?limit=2", 200, { data: [], next_cursor: null });
  });

  it("refuses a body that does not match, a status or a path the document does not have", () => {
    expect(() => expectDocumentedResponse("GET", "/api/v1/campaigns/cmp_1", 404, { error: { code: 404 } })).toThrow(/does not match the document/);
    expect(() => expectDocumentedResponse("GET", "/api/v1/conversions", 200, { data: [{ id: 1 }], next_cursor: null })).toThrow(/does not match the document/);
    expect(() => expectDocumentedResponse("GET", "/api/v1/campaigns/cmp_1", 418, error)).toThrow(/does not document status 418/);
    expect(() => expectDocumentedResponse("GET", "/api/v1/nothing/here", 404, error)).toThrow(/not in the OpenAPI document/);
  });

  it("an undocumented answer's body must still be the Error object", () => {
    expectDocumentedError({ error: { code: "method_not_allowed", message: "Use GET." } });
    expect(() => expectDocumentedError({ message: "nope" })).toThrow(/not the documented Error object/);
  });
});
