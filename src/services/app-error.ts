/**
 * The one error services throw: a stable snake_case `code`, a German message for people,
 * and details for machines. It carries no HTTP status; the server maps codes to statuses.
 */
export type AppErrorCode =
  | "not_found"
  | "invalid_input"
  | "invalid_mapping"
  | "import_rejected"
  | "report_incomplete"
  | "withheld"
  | "unreadable_file"
  | "payload_too_large"
  | "conflict"
  | "month_closed"
  | "delivery_closed"
  | "workspace_required"
  | "concurrent_change"
  | "invalid_credentials"
  | "not_authenticated"
  | "forbidden"
  | "password_change_required"
  | "csrf_failed"
  | "too_many_attempts"
  | "too_many_requests";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: unknown;

  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export function notFound(what: string, key: string): AppError {
  return new AppError("not_found", `${what} „${key}“ wurde nicht gefunden.`, { what, key });
}
