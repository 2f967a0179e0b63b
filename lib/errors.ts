import { logError } from "@/lib/log";

/**
 * The one error type of business code. Codes map to HTTP statuses in one place (`httpStatus`),
 * and every surface (API v1, JSON routes, server actions) renders it the same way.
 */
export const APP_ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
  not_configured: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found.`);

export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

export function errorBody(error: AppError): ErrorBody {
  return {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}

/** Turns a zod error into field errors: `{ fields: { "creators.3.email": ["Invalid email"] } }`. */
export function validationError(
  issues: { path: (string | number)[]; message: string }[],
  message = "Some fields are invalid.",
): AppError {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return new AppError("validation_failed", message, { fields });
}

/** Maps anything thrown to a Response-able error; unknown errors are logged and answered plainly. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  logError("unexpected error", error);
  return new AppError("internal_error", "Something went wrong on our side. Please try again.");
}

export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const appError = toAppError(error);
  return Response.json(errorBody(appError), { status: appError.status, headers });
}
