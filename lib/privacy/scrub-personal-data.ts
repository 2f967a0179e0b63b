/**
 * Removes personal data from a Shopify payload while keeping its shape and amounts: contact fields
 * anywhere in the tree are nulled, and whole person/address objects are nulled.
 */
const PERSON_OBJECTS = new Set(["customer", "billing_address", "shipping_address", "default_address", "addresses", "client_details", "destination"]);
const PERSONAL_FIELDS = new Set([
  "email",
  "contact_email",
  "phone",
  "browser_ip",
  "first_name",
  "last_name",
  "address1",
  "address2",
  "zip",
  "latitude",
  "longitude",
  "company",
  "note",
]);

export function scrubPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubPersonalData);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = PERSON_OBJECTS.has(key) || PERSONAL_FIELDS.has(key) ? null : scrubPersonalData(v);
    }
    return out;
  }
  return value;
}

/** The body with personal data removed, or null when it is not JSON (the caller decides what to do then). */
export function scrubRawBody(rawBody: string): string | null {
  try {
    return JSON.stringify(scrubPersonalData(JSON.parse(rawBody)));
  } catch {
    return null;
  }
}
