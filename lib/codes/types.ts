/** The creator fields a code template can use. */
export type CodeCreator = {
  fullName: string;
  /** Defaults to the first word of `fullName` (the first one with a letter or digit) when absent. */
  firstName?: string;
  handle?: string | null;
};

/** Either the normalized value or the human-readable reasons it was refused. */
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };
