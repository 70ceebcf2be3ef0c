/** Errors of the admin API: a stable code, the HTTP status the admin routes answer with. */

export type EmulatorErrorCode = "not_found" | "invalid" | "conflict";

const STATUS: Readonly<Record<EmulatorErrorCode, number>> = { not_found: 404, invalid: 422, conflict: 409 };

export class EmulatorError extends Error {
  readonly status: number;

  constructor(
    readonly code: EmulatorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "EmulatorError";
    this.status = STATUS[code];
  }
}
