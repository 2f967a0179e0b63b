import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_ROSTER_BYTES,
  MAX_ROSTER_ROWS,
  parseRosterCsv,
  type ParseRosterCsvInput,
  type RosterParseResult,
  type RosterRow,
  type RosterRowError,
} from "./parse-roster-csv";

const utf8 = (text: string) => new TextEncoder().encode(text);

function okResult(result: RosterParseResult) {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result;
}

function roster(count: number, header = "email,full name,handle"): string {
  const lines = [header];
  for (let i = 1; i <= count; i++) lines.push(`creator${i}@example.com,Creator ${i},creator_${i}`);
  return lines.join("\n");
}

const row = (r: number, email: string, fullName: string, handle: string | null = null): RosterRow => ({ row: r, email, fullName, handle });

describe("parseRosterCsv: parsing", () => {
  it.each<[string, string | Uint8Array, RosterRow[]]>([
    ["plain comma file", "email,full name,handle\njane@example.com,Jane Doe,janedoe\n", [row(2, "jane@example.com", "Jane Doe", "janedoe")]],
    ["no trailing newline", "email,name\njane@example.com,Jane", [row(2, "jane@example.com", "Jane")]],
    ["email trimmed and lower-cased", "email,name\n  Jane.Doe@Example.COM  ,Jane", [row(2, "jane.doe@example.com", "Jane")]],
    ["name trimmed, inner whitespace collapsed", "email,name\njane@example.com,\"  Jane \n  Doe  \"", [row(2, "jane@example.com", "Jane Doe")]],
    ["quoted commas", 'email,full name\njane@example.com,"Doe, Jane"\n', [row(2, "jane@example.com", "Doe, Jane")]],
    ["escaped quotes", 'email,full name\njane@example.com,"Jane ""JJ"" Doe"\n', [row(2, "jane@example.com", 'Jane "JJ" Doe')]],
    ["quote inside an unquoted field is text", 'email,full name\njane@example.com,Jane "JJ" Doe\n', [row(2, "jane@example.com", 'Jane "JJ" Doe')]],
    ["space before an opening quote", 'email, full name\njane@example.com, "Doe, Jane"\n', [row(2, "jane@example.com", "Doe, Jane")]],
    [
      "newline inside quotes: row is the line the record starts on",
      'email,full name,handle\n"a@example.com","Ann\nMarie",ann\nb@example.com,Bob,bob\n',
      [row(2, "a@example.com", "Ann Marie", "ann"), row(4, "b@example.com", "Bob", "bob")],
    ],
    ["BOM + CRLF (bytes)", utf8("\uFEFFEmail,Full Name\r\njane@example.com,Jane\r\nbob@example.com,Bob\r\n"), [row(2, "jane@example.com", "Jane"), row(3, "bob@example.com", "Bob")]],
    ["BOM (string)", "\uFEFFemail,name\njane@example.com,Jane", [row(2, "jane@example.com", "Jane")]],
    ["CR-only line ends (old Mac Excel)", "email,name\rjane@example.com,Jane\rbob@example.com,Bob", [row(2, "jane@example.com", "Jane"), row(3, "bob@example.com", "Bob")]],
    ["quoted CRLF inside a field", 'email,name\r\njane@example.com,"Jane\r\nDoe"\r\nbob@example.com,Bob', [row(2, "jane@example.com", "Jane Doe"), row(4, "bob@example.com", "Bob")]],
    [
      "semicolon file (European Excel) with decimal commas in other columns",
      "E-Mail;Name;Instagram;Budget\njane@example.com;Doe, Jane;@jane;1,50\n",
      [row(2, "jane@example.com", "Doe, Jane", "jane")],
    ],
    ["tab-separated file", "email\tfull_name\tusername\njane@example.com\tJane Doe\tjane.doe\n", [row(2, "jane@example.com", "Jane Doe", "jane.doe")]],
    ["Excel sep= line", "sep=;\nemail;name\njane@example.com;Jane", [row(3, "jane@example.com", "Jane")]],
    [
      "blank lines and empty Excel rows skipped, line numbers kept",
      "\nemail,name,handle\n\njane@example.com,Jane,\n,,\n   \nbob@example.com,Bob,\n\n\n",
      [row(4, "jane@example.com", "Jane"), row(7, "bob@example.com", "Bob")],
    ],
    ["header names are case-insensitive and loose", "E-MAIL ADDRESS,FullName,TikTok\njane@example.com,Jane,jane", [row(2, "jane@example.com", "Jane", "jane")]],
    ["“creator” and “@” headers", "Creator,@,Email\nJane,jane,jane@example.com", [row(2, "jane@example.com", "Jane", "jane")]],
    ["extra columns ignored, any order", "Notes,Name,Country,Email\nhi,Jane,FR,jane@example.com", [row(2, "jane@example.com", "Jane")]],
    ["no handle column → null", "email,name\njane@example.com,Jane", [row(2, "jane@example.com", "Jane", null)]],
    ["handle: leading @ removed", "email,name,handle\njane@example.com,Jane,@Jane_Doe-1.x", [row(2, "jane@example.com", "Jane", "Jane_Doe-1.x")]],
    ["handle: only @ → null", "email,name,handle\njane@example.com,Jane,@", [row(2, "jane@example.com", "Jane", null)]],
    ["row with more fields than the header", "email,name\njane@example.com,Jane,extra,more", [row(2, "jane@example.com", "Jane")]],
    ["row with fewer fields, handle column missing", "email,name,handle\njane@example.com,Jane", [row(2, "jane@example.com", "Jane", null)]],
    ["unicode names, 120 characters allowed", `email,name\njane@example.com,${"é".repeat(119)}😀`, [row(2, "jane@example.com", `${"é".repeat(119)}😀`)]],
  ])("%s", (_name, bytes, rows) => {
    const result = okResult(parseRosterCsv({ bytes }));
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual(rows);
    expect(result.totalRows).toBe(rows.length);
  });

  it("accepts .csv/.txt/.tsv names and CSV-ish content types, including Windows' application/vnd.ms-excel", () => {
    for (const extra of [
      { fileName: "roster.csv", contentType: "text/csv" },
      { fileName: "Roster.TXT", contentType: "text/plain; charset=utf-8" },
      { fileName: "roster.tsv", contentType: "text/tab-separated-values" },
      { fileName: "roster.csv", contentType: "application/vnd.ms-excel" },
      { fileName: "roster", contentType: "application/octet-stream" },
      {},
    ]) {
      expect(parseRosterCsv({ bytes: "email,name\njane@example.com,Jane", ...extra }).ok, JSON.stringify(extra)).toBe(true);
    }
  });

  it(`accepts exactly ${MAX_ROSTER_ROWS} rows`, () => {
    const result = okResult(parseRosterCsv({ bytes: roster(MAX_ROSTER_ROWS) }));
    expect(result.rows).toHaveLength(500);
    expect(result.totalRows).toBe(500);
    expect(result.errors).toEqual([]);
    expect(result.rows[499]).toEqual(row(501, "creator500@example.com", "Creator 500", "creator_500"));
  });

  it("blank lines do not count towards the limit", () => {
    const text = roster(MAX_ROSTER_ROWS).replaceAll("\n", "\n\n");
    expect(okResult(parseRosterCsv({ bytes: text })).totalRows).toBe(500);
  });

  it("round-trips any roster written by an RFC 4180 writer (any delimiter and line end)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "Z", "é", "😀", " ", ",", ";", "\t", '"', "\n", "\r\n", "'", "@"), minLength: 1, maxLength: 30 });
    const name = cell.filter((n) => n.trim() !== "" && n.replace(/\s+/g, " ").trim().length > 0);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), name, fc.option(fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/))), {
          minLength: 1,
          maxLength: 20,
          selector: ([local]) => local,
        }),
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n", "\r"),
        (creators, delimiter, eol) => {
          const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
          const text = [
            ["Email", "Full Name", "Handle"].map(q).join(delimiter),
            ...creators.map(([local, n, h]) => [`${local}@example.com`, q(n), h === null ? "" : `@${h}`].join(delimiter)),
          ].join(eol);
          const result = okResult(parseRosterCsv({ bytes: utf8(text) }));
          const names = (n: string) => n.replace(/\s+/g, " ").trim();
          expect(result.errors).toEqual([]);
          expect(result.rows.map((r) => [r.email, r.fullName, r.handle])).toEqual(
            creators.map(([local, n, h]) => [`${local}@example.com`, names(n), h]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("parseRosterCsv: whole-file refusals", () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

  it.each<[string, ParseRosterCsvInput, string, RegExp]>([
    [".xlsx name", { bytes: roster(2), fileName: "creators.xlsx" }, "not_csv", /Excel workbook.*CSV UTF-8/],
    [".XLS name", { bytes: roster(2), fileName: "Creators.XLS" }, "not_csv", /Excel workbook/],
    [".numbers name", { bytes: roster(2), fileName: "creators.numbers" }, "not_csv", /Numbers.*Export To → CSV/],
    [".png name", { bytes: roster(2), fileName: "photo.png" }, "not_csv", /\.png file, not a CSV file.*Export/],
    [".pdf name", { bytes: roster(2), fileName: "list.pdf" }, "not_csv", /\.pdf file, not a CSV/],
    ["xlsx content type", { bytes: roster(2), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, "not_csv", /Excel workbook/],
    ["image content type", { bytes: roster(2), contentType: "image/jpeg" }, "not_csv", /not a CSV file.*Export/],
    ["pdf content type", { bytes: roster(2), contentType: "application/pdf" }, "not_csv", /not a CSV file/],
    ["zip/xlsx bytes with a .csv name", { bytes: zip, fileName: "creators.csv" }, "not_csv", /compressed file.*Excel/],
    ["binary bytes (PNG)", { bytes: png }, "not_csv", /binary data.*CSV/],
    ["NUL bytes in otherwise text", { bytes: utf8("email,name\njane@example.com,Ja\u0000ne") }, "not_csv", /binary data/],
    ["NUL in a string", { bytes: "email,name\n\u0000" }, "not_csv", /binary data/],
    ["invalid UTF-8 (Windows-1252 export)", { bytes: new Uint8Array([...utf8("email,name\njos"), 0xe9, ...utf8("@example.com,Jos"), 0xe9]) }, "not_csv", /UTF-8.*CSV UTF-8/],
    ["UTF-16 “Unicode Text” export", { bytes: new Uint8Array([0xff, 0xfe, 0x65, 0x00, 0x6d, 0x00]) }, "not_csv", /UTF-16/],
    ["PDF bytes", { bytes: utf8("%PDF-1.7\n...") }, "not_csv", /PDF/],
    ["single column of emails without a header", { bytes: "jane@example.com\nbob@example.com\n" }, "not_csv", /single column and no column headings.*Row 1 looks like a creator/],
    ["single non-email column", { bytes: "Hello world\nthis is a note\n" }, "not_csv", /only one column \(“Hello world”\).*email column and a full name column/],
    ["pipe-separated file", { bytes: "email|name\njane@example.com|Jane\n" }, "not_csv", /couldn't split this file into columns/],
    ["empty bytes", { bytes: new Uint8Array() }, "empty", /file is empty/],
    ["empty string", { bytes: "" }, "empty", /file is empty/],
    ["only whitespace and blank lines", { bytes: "\r\n  \n\t\n" }, "empty", /file is empty/],
    ["only a BOM", { bytes: utf8("\uFEFF") }, "empty", /file is empty/],
    ["only empty Excel rows", { bytes: ",,\n,,\n" }, "empty", /file is empty/],
    ["header but no creators", { bytes: "email,full name,handle\n\n" }, "empty", /column headings but no creators/],
    ["missing name column", { bytes: "email,handle\njane@example.com,jane" }, "missing_columns", /no full name column\. Columns found: “email”, “handle”/],
    ["missing email column", { bytes: "name,instagram\nJane,jane" }, "missing_columns", /no email column\. Columns found: “name”, “instagram”/],
    ["missing both", { bytes: "a,b,c\n1,2,3" }, "missing_columns", /no email or full name column\. Columns found: “a”, “b”, “c”/],
    ["email-only header", { bytes: "Email\njane@example.com" }, "missing_columns", /no full name column\. Columns found: “Email”/],
    ["first and last name instead of full name", { bytes: "Email,First Name,Last Name\njane@example.com,Jane,Doe" }, "missing_columns", /Combine the first and last names/],
    ["no header row", { bytes: "jane@example.com,Jane Doe,jane\n" }, "missing_columns", /Row 1 looks like a creator rather than column headings/],
    [`${MAX_ROSTER_ROWS + 1} rows`, { bytes: roster(MAX_ROSTER_ROWS + 1) }, "too_many_rows", /has 501 creators, but one upload can have at most 500/],
    ["2,000 rows", { bytes: roster(2000) }, "too_many_rows", /has 2,000 creators/],
    ["over 1 MB (bytes)", { bytes: utf8(`email,name\n${"x".repeat(MAX_ROSTER_BYTES)}`) }, "too_large", /1\.1 MB; the limit is 1 MB/],
    ["over 1 MB (string, counted in UTF-8 bytes)", { bytes: `email,name\n${"é".repeat(MAX_ROSTER_BYTES / 2)}` }, "too_large", /the limit is 1 MB/],
  ])("%s → %s", (_name, input, code, message) => {
    const result = parseRosterCsv(input);
    if (result.ok) throw new Error("expected a refusal");
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
  });

  it("a file of exactly 1 MB is not too large", () => {
    const body = "email,name\njane@example.com,Jane\n";
    const text = body + " ".repeat(MAX_ROSTER_BYTES - body.length);
    expect(utf8(text).length).toBe(MAX_ROSTER_BYTES);
    expect(parseRosterCsv({ bytes: utf8(text) }).ok).toBe(true);
    expect(parseRosterCsv({ bytes: text }).ok).toBe(true);
  });
});

describe("parseRosterCsv: row errors", () => {
  it.each<[string, string, RosterRowError[], number]>([
    ["invalid email", "email,name\njane@,Jane", [{ row: 2, field: "email", message: "Row 2: “jane@” is not a valid email address.", value: "jane@" }], 0],
    ["missing email", "email,name\n,Jane", [{ row: 2, field: "email", message: "Row 2: the email address is missing." }], 0],
    ["email with a space", "email,name\njane doe@example.com,Jane", [{ row: 2, field: "email", message: "Row 2: “jane doe@example.com” is not a valid email address.", value: "jane doe@example.com" }], 0],
    ["email field absent (short row)", "name,email\nJane", [{ row: 2, field: "email", message: "Row 2: the email address is missing." }], 0],
    ["missing name", "email,name\njane@example.com,   ", [{ row: 2, field: "full_name", message: "Row 2: the creator's full name is missing." }], 0],
    [
      "name longer than 120 characters",
      `email,name\njane@example.com,${"a".repeat(121)}`,
      [{ row: 2, field: "full_name", message: `Row 2: the full name “${"a".repeat(59)}…” is longer than 120 characters.`, value: "a".repeat(121) }],
      0,
    ],
    [
      "handle with a space",
      "email,name,handle\njane@example.com,Jane,@jane doe",
      [{ row: 2, field: "handle", message: "Row 2: the handle “@jane doe” contains a space. Handles can only use letters, numbers, “.”, “_” and “-”.", value: "@jane doe" }],
      0,
    ],
    [
      "handle with other characters",
      "email,name,handle\njane@example.com,Jane,jane!",
      [{ row: 2, field: "handle", message: "Row 2: the handle “jane!” contains characters that aren't allowed. Handles can only use letters, numbers, “.”, “_” and “-”.", value: "jane!" }],
      0,
    ],
    [
      "handle given as a profile link",
      "email,name,handle\njane@example.com,Jane,https://www.instagram.com/jane.doe/",
      [{ row: 2, field: "handle", message: "Row 2: “https://www.instagram.com/jane.doe/” is a link. Enter just the handle, for example “jane.doe”.", value: "https://www.instagram.com/jane.doe/" }],
      0,
    ],
    [
      "handle longer than 60",
      `email,name,handle\njane@example.com,Jane,@${"j".repeat(61)}`,
      [{ row: 2, field: "handle", message: `Row 2: the handle “@${"j".repeat(58)}…” is longer than 60 characters.`, value: `@${"j".repeat(61)}` }],
      0,
    ],
    [
      "several problems in one row are all reported",
      "email,name,handle\nnope,,a b",
      [
        { row: 2, field: "email", message: "Row 2: “nope” is not a valid email address.", value: "nope" },
        { row: 2, field: "full_name", message: "Row 2: the creator's full name is missing." },
        { row: 2, field: "handle", message: "Row 2: the handle “a b” contains a space. Handles can only use letters, numbers, “.”, “_” and “-”.", value: "a b" },
      ],
      0,
    ],
    [
      "unclosed quotation mark",
      'email,name\njane@example.com,Jane\nbob@example.com,"Bob\ncarl@example.com,Carl\n',
      [
        {
          row: 3,
          field: "row",
          message: `Row 3: a quotation mark (") in this row is never closed, so this row and everything after it could not be read. Remove the stray quotation mark or close it, then upload again.`,
        },
      ],
      1,
    ],
  ])("%s", (_name, text, errors, validRows) => {
    const result = okResult(parseRosterCsv({ bytes: text }));
    expect(result.errors).toEqual(errors);
    expect(result.rows).toHaveLength(validRows);
  });

  it("keeps valid rows, reports invalid ones with their line numbers", () => {
    const text = [
      "Email,Full name,Handle", // 1
      "jane@example.com,Jane,@jane", // 2
      "", // 3
      "jane@,Jane Two,", // 4
      "bob@example.com,Bob,bob", // 5
      "carl@example.com,,carl", // 6
      "dana@example.com,Dana,dana d", // 7
    ].join("\r\n");
    const result = okResult(parseRosterCsv({ bytes: text, fileName: "roster.csv", contentType: "text/csv" }));
    expect(result.totalRows).toBe(5);
    expect(result.rows).toEqual([row(2, "jane@example.com", "Jane", "jane"), row(5, "bob@example.com", "Bob", "bob")]);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [4, "email"],
      [6, "full_name"],
      [7, "handle"],
    ]);
  });

  it("duplicate emails (case-insensitive): first kept, each later one is an error", () => {
    const text = [
      "email,name", // 1
      "Jane@Example.com,Jane", // 2
      "bob@example.com,Bob", // 3
      "jane@example.com,Jane again", // 4
      "JANE@EXAMPLE.COM , Jane thrice", // 5
    ].join("\n");
    const result = okResult(parseRosterCsv({ bytes: text }));
    expect(result.totalRows).toBe(4);
    expect(result.rows).toEqual([row(2, "jane@example.com", "Jane"), row(3, "bob@example.com", "Bob")]);
    expect(result.errors).toEqual([
      { row: 4, field: "email", message: "Row 4: “jane@example.com” is a duplicate of row 2, so this row was skipped.", value: "jane@example.com" },
      { row: 5, field: "email", message: "Row 5: “jane@example.com” is a duplicate of row 2, so this row was skipped.", value: "jane@example.com" },
    ]);
  });

  it("a duplicate refers to the first occurrence even when that row has another problem", () => {
    const result = okResult(parseRosterCsv({ bytes: "email,name\njane@example.com,\njane@example.com,Jane" }));
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual([
      "Row 2: the creator's full name is missing.",
      "Row 3: “jane@example.com” is a duplicate of row 2, so this row was skipped.",
    ]);
  });

  it("every message starts with its row number and every error's row is a data row", () => {
    const result = okResult(parseRosterCsv({ bytes: "email,name,handle\nx,,a b\n,Jane,\nx,Y,@" }));
    for (const error of result.errors) expect(error.message.startsWith(`Row ${error.row}: `)).toBe(true);
    expect(new Set(result.errors.map((e) => e.row))).toEqual(new Set([2, 3, 4]));
  });
});
