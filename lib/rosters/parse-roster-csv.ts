import { CsvError, parse } from "csv-parse/sync";
import { MAX_FULL_NAME_LENGTH, MAX_HANDLE_LENGTH, ZCreatorRow, type CreatorRowRule } from "@/lib/creators/creator-row";

/**
 * Parses the CSV a brand uploads to add creators to a campaign (email, full name, optional handle).
 *
 * Whole-file problems (not a CSV, too big, too many rows, missing columns, empty) refuse the upload with
 * one message; problems in single rows are reported per row while the valid rows are kept. Every
 * message is written for the brand, not for a developer.
 *
 * The CSV itself is read by csv-parse (RFC 4180, with its relaxed quotes and trimming for what
 * spreadsheets write); each row is checked with ZCreatorRow, the same rules as API v1 and the
 * add-creator form, and its refusals are worded here with the row number and the value.
 */

export const MAX_ROSTER_ROWS = 500;
/** 1 MB (1,048,576 bytes); 500 roster rows are far below this. */
export const MAX_ROSTER_BYTES = 1024 * 1024;

export type RosterRow = {
  /** 1-based line number in the file where the row starts (the header is line 1). */
  row: number;
  /** Trimmed and lower-cased. */
  email: string;
  fullName: string;
  /** Without the leading `@`; null when the cell is empty. */
  handle: string | null;
};

export type RosterRowError = {
  row: number;
  field: "email" | "full_name" | "handle" | "row";
  message: string;
  value?: string;
};

export type RosterParseErrorCode = "not_csv" | "empty" | "too_many_rows" | "missing_columns" | "too_large";

export type RosterParseResult =
  | { ok: true; rows: RosterRow[]; errors: RosterRowError[]; totalRows: number }
  | { ok: false; error: { code: RosterParseErrorCode; message: string } };

export type ParseRosterCsvInput = { bytes: Uint8Array | string; fileName?: string; contentType?: string };

const EXPORT_HINT =
  "Export your creator list as a CSV file (Excel: File → Save As → “CSV UTF-8 (Comma delimited)”; Google Sheets: File → Download → “Comma-separated values (.csv)”; Numbers: File → Export To → CSV) and upload that file.";

export function parseRosterCsv(input: ParseRosterCsvInput): RosterParseResult {
  const kind = refusedFileKind(input.fileName, input.contentType);
  if (kind) return fail("not_csv", kind);

  const size = typeof input.bytes === "string" ? utf8Length(input.bytes) : input.bytes.length;
  if (size > MAX_ROSTER_BYTES) {
    return fail(
      "too_large",
      `This file is ${formatMegabytes(size)} MB; the limit is 1 MB. A list of ${MAX_ROSTER_ROWS} creators is much smaller than that — check that you exported only the creator list, as CSV.`,
    );
  }

  const decoded = decodeText(input.bytes);
  if (!decoded.ok) return fail("not_csv", decoded.message);
  const text = decoded.text;

  if (text.trim() === "") {
    return fail("empty", "The file is empty. Add a first row with the column headings email, full name and handle, then one creator per row.");
  }

  const { delimiter, sepLine } = detectDelimiter(text);
  const records = parseCsvRecords(text, delimiter).filter((r) => !isBlankRecord(r));
  if (sepLine && records[0] && isSepDirective(records[0])) records.shift();

  const header = records[0];
  if (!header) {
    return fail("empty", "The file is empty. Add a first row with the column headings email, full name and handle, then one creator per row.");
  }
  const columns = matchColumns(header.fields);
  const { email: emailColumn, fullName: nameColumn } = columns;
  if (emailColumn === null || nameColumn === null) {
    const problem = describeHeaderProblem(header, columns);
    return fail(problem.code, problem.message);
  }

  const dataRecords = records.slice(1);
  if (dataRecords.length === 0) {
    return fail("empty", "The file has column headings but no creators. Add one creator per row below the headings, then upload again.");
  }
  if (dataRecords.length > MAX_ROSTER_ROWS) {
    return fail(
      "too_many_rows",
      `This file has ${formatCount(dataRecords.length)} creators, but one upload can have at most ${MAX_ROSTER_ROWS}. Split the list into files of ${MAX_ROSTER_ROWS} creators or fewer and upload them one at a time.`,
    );
  }

  const rows: RosterRow[] = [];
  const errors: RosterRowError[] = [];
  const firstRowByEmail = new Map<string, number>();

  for (const record of dataRecords) {
    const row = record.line;
    if (record.unterminatedQuote) {
      errors.push({
        row,
        field: "row",
        message: `Row ${row}: a quotation mark (") in this row is never closed, so this row and everything after it could not be read. Remove the stray quotation mark or close it, then upload again.`,
      });
      continue;
    }

    const cells = {
      email: cleanCell(record.fields[emailColumn] ?? ""),
      full_name: cleanCell(record.fields[nameColumn] ?? "").replace(/\s+/g, " "),
      handle: columns.handle === null ? "" : cleanCell(record.fields[columns.handle] ?? ""),
    };
    const parsed = ZCreatorRow.safeParse(cells);
    const refusals = parsed.success ? [] : parsed.error.issues;
    if (!refusals.some((issue) => issue.path[0] === "email")) {
      const email = cells.email.toLowerCase();
      const firstRow = firstRowByEmail.get(email);
      if (firstRow !== undefined) {
        errors.push({ row, field: "email", message: `Row ${row}: ${quote(email)} is a duplicate of row ${firstRow}, so this row was skipped.`, value: email });
        continue;
      }
      firstRowByEmail.set(email, row);
    }
    if (parsed.success) {
      rows.push({ row, email: parsed.data.email.toLowerCase(), fullName: parsed.data.full_name, handle: parsed.data.handle });
      continue;
    }
    for (const field of ["email", "full_name", "handle"] as const) {
      const issue = refusals.find((i) => i.path[0] === field);
      if (issue) errors.push(rowError(row, field, cells[field], issue));
    }
  }

  return { ok: true, rows, errors, totalRows: dataRecords.length };
}

function fail(code: RosterParseErrorCode, message: string): RosterParseResult {
  return { ok: false, error: { code, message } };
}

// ---------------------------------------------------------------------------------------------------
// File type and decoding

const EXCEL_EXTENSIONS = new Set(["xlsx", "xlsm", "xlsb", "xls", "xltx", "xltm", "xlt"]);
const OTHER_NON_CSV_EXTENSIONS = new Set([
  "ods", "numbers", "doc", "docx", "odt", "rtf", "pages", "pdf", "key", "ppt", "pptx", "odp",
  "png", "jpg", "jpeg", "gif", "webp", "heic", "heif", "bmp", "tif", "tiff", "svg", "ico",
  "zip", "gz", "tgz", "rar", "7z", "json", "xml", "html", "htm", "mp3", "mp4", "mov", "wav", "exe", "dmg",
]);

/**
 * Content types a browser sends for files that are certainly not CSV. `application/vnd.ms-excel` is
 * deliberately absent: Windows browsers send it for ordinary .csv files when Excel is installed.
 */
const NON_CSV_CONTENT_TYPE_PREFIXES = [
  "image/", "audio/", "video/", "font/",
  "application/vnd.openxmlformats-officedocument.",
  "application/vnd.oasis.opendocument.",
  "application/vnd.ms-excel.sheet.",
  "application/vnd.apple.",
  "application/x-iwork-",
];
const NON_CSV_CONTENT_TYPES = new Set([
  "application/pdf", "application/zip", "application/x-zip-compressed", "application/gzip", "application/x-gzip",
  "application/x-7z-compressed", "application/vnd.rar", "application/x-rar-compressed", "application/msword",
  "application/vnd.ms-powerpoint", "application/json", "application/xml", "text/html",
]);

/** The not_csv message when the name or content type is clearly not a CSV, otherwise null. */
function refusedFileKind(fileName: string | undefined, contentType: string | undefined): string | null {
  const extension = fileName?.trim().toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension && EXCEL_EXTENSIONS.has(extension)) {
    return `“${truncate(fileName!.trim(), 80)}” is an Excel workbook, not a CSV file. In Excel, choose File → Save As and pick “CSV UTF-8 (Comma delimited)”, then upload the .csv file.`;
  }
  if (extension === "numbers") {
    return `“${truncate(fileName!.trim(), 80)}” is a Numbers spreadsheet, not a CSV file. In Numbers, choose File → Export To → CSV, then upload the .csv file.`;
  }
  if (extension && OTHER_NON_CSV_EXTENSIONS.has(extension)) {
    return `“${truncate(fileName!.trim(), 80)}” is a .${extension} file, not a CSV file. ${EXPORT_HINT}`;
  }
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type && (NON_CSV_CONTENT_TYPES.has(type) || NON_CSV_CONTENT_TYPE_PREFIXES.some((p) => type.startsWith(p)))) {
    if (type.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml") || type.startsWith("application/vnd.ms-excel.sheet.")) {
      return `This is an Excel workbook, not a CSV file. In Excel, choose File → Save As and pick “CSV UTF-8 (Comma delimited)”, then upload the .csv file.`;
    }
    return `This file is not a CSV file. ${EXPORT_HINT}`;
  }
  return null;
}

type Decoded = { ok: true; text: string } | { ok: false; message: string };

const BINARY_SIGNATURES: { bytes: number[]; message: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], message: `This file is a compressed file (for example an Excel workbook), not a CSV file. ${EXPORT_HINT}` },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], message: `This file is an older Excel or Office document, not a CSV file. ${EXPORT_HINT}` },
  { bytes: [0x25, 0x50, 0x44, 0x46], message: `This file is a PDF, not a CSV file. ${EXPORT_HINT}` },
];

function decodeText(bytes: Uint8Array | string): Decoded {
  if (typeof bytes === "string") {
    if (bytes.includes("\u0000") || LONE_SURROGATE.test(bytes)) return { ok: false, message: binaryMessage() };
    return { ok: true, text: stripBom(bytes) };
  }
  for (const signature of BINARY_SIGNATURES) {
    if (signature.bytes.every((b, i) => bytes[i] === b)) return { ok: false, message: signature.message };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      message: `This file is saved as UTF-16 (“Unicode Text”), which we can't read. ${EXPORT_HINT}`,
    };
  }
  if (bytes.includes(0)) return { ok: false, message: binaryMessage() };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      message: `This file isn't saved as UTF-8 text, or isn't a CSV file. In Excel, choose File → Save As and pick “CSV UTF-8 (Comma delimited)” (not plain “CSV”); in Google Sheets or Numbers, export as CSV. Then upload the new file.`,
    };
  }
  return { ok: true, text: stripBom(text) };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function binaryMessage(): string {
  return `This file contains binary data, so it isn't a CSV file. ${EXPORT_HINT}`;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** UTF-8 byte length of a string (approximate only for lone surrogates, which are refused as binary anyway). */
function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

// ---------------------------------------------------------------------------------------------------
// CSV (RFC 4180, leniently)

type CsvRecord = { line: number; fields: string[]; unterminatedQuote: boolean };
type Delimiter = "," | ";" | "\t";

/**
 * The delimiter the header row uses: whichever of `,` `;` tab occurs most often outside quotes in the
 * first non-blank line (an Excel `sep=X` first line wins). Comma when none occurs.
 */
function detectDelimiter(text: string): { delimiter: Delimiter; sepLine: boolean } {
  const sep = /^[ ]*sep=([,;\t])[ ]*(?:\r\n|\n|\r|$)/i.exec(text.replace(/^(?:[ \t]*(?:\r\n|\n|\r))+/, ""));
  if (sep) return { delimiter: sep[1] as Delimiter, sepLine: true };
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let inQuotes = false;
  let sawContent = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (char === "\n" || char === "\r") {
      if (sawContent) break;
    } else if (char === "," || char === ";" || char === "\t") {
      counts[char]++;
      sawContent = true;
    } else if (char.trim() !== "") sawContent = true;
  }
  const delimiter: Delimiter =
    counts[";"] > counts[","] && counts[";"] >= counts["\t"] ? ";" : counts["\t"] > counts[","] && counts["\t"] > counts[";"] ? "\t" : ",";
  return { delimiter, sepLine: false };
}

/**
 * Splits text into records with csv-parse: quoted fields may hold the delimiter, `""` and line
 * breaks; CRLF, LF and CR all end a record; whitespace before an opening quote is ignored and a
 * quote inside an unquoted field is text. Empty lines are kept as records so that each record
 * knows the line it starts on (the line after the previous one ended). An unclosed quote swallows
 * the rest of the file: everything read before it is kept, and that row is marked.
 */
function parseCsvRecords(text: string, delimiter: Delimiter): CsvRecord[] {
  const records: CsvRecord[] = [];
  let nextLine = 1;
  try {
    // One kind of line end (a spreadsheet may mix CRLF rows with LF inside cells), so that lines count once each.
    parse(text.replace(/\r\n?/g, "\n"), {
      delimiter,
      ltrim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (fields: string[], context) => {
        records.push({ line: nextLine, fields, unterminatedQuote: false });
        nextLine = context.lines + 1;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError) || error.code !== "CSV_QUOTE_NOT_CLOSED") throw error;
    records.push({ line: nextLine, fields: [], unterminatedQuote: true });
  }
  return records;
}

function isBlankRecord(record: CsvRecord): boolean {
  return !record.unterminatedQuote && record.fields.every((f) => cleanCell(f) === "");
}

/** Excel's `sep=;` first line, as split by its own delimiter: ["sep=", ""]. */
function isSepDirective(record: CsvRecord): boolean {
  const [first, second, ...rest] = record.fields;
  return rest.length === 0 && /^\s*sep=$/i.test(first ?? "") && (second ?? "").trim() === "";
}

// ---------------------------------------------------------------------------------------------------
// Header

type Columns = { email: number | null; fullName: number | null; handle: number | null };

const EMAIL_HEADERS = new Set(["email", "emailaddress", "mail"]);
const FULL_NAME_HEADERS = new Set(["fullname", "name", "creator", "creatorname"]);
const HANDLE_HEADERS = new Set([
  "handle", "instagram", "tiktok", "username", "@",
  "instagramhandle", "tiktokhandle", "instagramusername", "tiktokusername", "ig", "ighandle", "socialhandle",
]);

/** "E-mail Address *" → "emailaddress"; "@" stays "@". */
function headerKey(cell: string): string {
  const text = cleanCell(cell);
  // No recognised heading is long; skipping long cells also keeps the regexes below cheap.
  if (text.length > 100) return "";
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, "")
    .replace(/[\s_\-.*:]+/g, "");
}

function matchColumns(header: string[]): Columns {
  const columns: Columns = { email: null, fullName: null, handle: null };
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    // The first matching column wins when several match (e.g. both "Instagram" and "TikTok").
    if (columns.email === null && EMAIL_HEADERS.has(key)) columns.email = index;
    else if (columns.fullName === null && FULL_NAME_HEADERS.has(key)) columns.fullName = index;
    else if (columns.handle === null && HANDLE_HEADERS.has(key)) columns.handle = index;
  });
  return columns;
}

/** Why the header lacks the email or full name column, for a header that does. */
function describeHeaderProblem(header: CsvRecord, columns: Columns): { code: RosterParseErrorCode; message: string } {
  const found = header.fields.map(cleanCell).filter((c) => c !== "");
  const looksLikeData = found.some((c) => c.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c));
  const noHeadings = `Row ${header.line} looks like a creator rather than column headings — add a first row with the headings email, full name and handle.`;

  if (found.length <= 1 && columns.email === null) {
    const only = found[0] ?? "";
    if (looksLikeData) {
      return { code: "not_csv", message: `This file has a single column and no column headings. ${noHeadings} Put each creator's email, full name and handle in separate columns.` };
    }
    if (/[|^~]/.test(only)) {
      return { code: "not_csv", message: `We couldn't split this file into columns. Separate the columns with commas (or semicolons), or export the list from your spreadsheet as CSV, then upload again.` };
    }
    return {
      code: "not_csv",
      message: `This file has only one column${only ? ` (${quote(only)})` : ""}, so it doesn't look like a creator list. The file needs an email column and a full name column, plus an optional handle column. ${EXPORT_HINT}`,
    };
  }

  const missing = [columns.email === null ? "email" : null, columns.fullName === null ? "full name" : null].filter(
    (m): m is string => m !== null,
  );
  const shown = found.slice(0, 10).map(quote).join(", ") + (found.length > 10 ? `, and ${found.length - 10} more` : "");
  let message = `The file has no ${missing.join(" or ")} column. Columns found: ${shown}. Name the columns email, full name and (optionally) handle, then upload again.`;
  if (looksLikeData) message += ` ${noHeadings}`;
  const keys = found.map(headerKey);
  if (columns.fullName === null && keys.some((k) => k === "firstname" || k === "first") && keys.some((k) => k === "lastname" || k === "last" || k === "surname")) {
    message += " Combine the first and last names into one “full name” column.";
  }
  return { code: "missing_columns", message };
}

// ---------------------------------------------------------------------------------------------------
// Row fields

/** A ZCreatorRow refusal, worded for the brand with the row number and what the cell held. */
function rowError(row: number, field: "email" | "full_name" | "handle", value: string, issue: { message: string; params?: { [k: string]: unknown } }): RosterRowError {
  const rule = (issue.params?.rule ?? "invalid") as CreatorRowRule;
  const allowed = "Handles can only use letters, numbers, “.”, “_” and “-”.";
  const messages: Record<typeof field, Partial<Record<CreatorRowRule, string>>> = {
    email: { missing: "the email address is missing.", invalid: `${quote(value)} is not a valid email address.` },
    full_name: { missing: "the creator's full name is missing.", too_long: `the full name ${quote(value)} is longer than ${MAX_FULL_NAME_LENGTH} characters.` },
    handle: {
      space: `the handle ${quote(value)} contains a space. ${allowed}`,
      link: `${quote(value)} is a link. Enter just the handle, for example ${quote(String(issue.params?.handle ?? ""))}.`,
      characters: `the handle ${quote(value)} contains characters that aren't allowed. ${allowed}`,
      too_long: `the handle ${quote(value)} is longer than ${MAX_HANDLE_LENGTH} characters.`,
    },
  };
  const error: RosterRowError = { row, field, message: `Row ${row}: ${messages[field][rule] ?? issue.message}` };
  if (rule !== "missing") error.value = truncate(value, 200);
  return error;
}

// ---------------------------------------------------------------------------------------------------
// Text helpers

/** Trims whitespace, including zero-width characters that copy-pasting from web pages leaves behind. */
function cleanCell(cell: string): string {
  // A loop rather than an anchored regex: `[\s…]+$` is quadratic on a long run of inner whitespace.
  let start = 0;
  let end = cell.length;
  while (start < end && isBlankChar(cell.charCodeAt(start))) start++;
  while (end > start && isBlankChar(cell.charCodeAt(end - 1))) end--;
  return cell.slice(start, end);
}

function isBlankChar(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff || /\s/.test(String.fromCharCode(code));
}

function quote(value: string): string {
  return `“${truncate(value.slice(0, 200).replace(/\s+/g, " "), 60)}”`;
}

function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const chars = [...value.slice(0, max * 2)];
  return chars.length > max || value.length > max * 2 ? `${chars.slice(0, max - 1).join("")}…` : value;
}

function formatMegabytes(bytes: number): string {
  return (Math.ceil((bytes / MAX_ROSTER_BYTES) * 10) / 10).toFixed(1);
}

function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}
