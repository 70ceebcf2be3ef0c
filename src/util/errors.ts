/**
 * One error type for everything a user or operator may have to act on. `code` is stable (tests and
 * API clients match on it), `message` says what to do, `status` is the HTTP status to answer with
 * when the error reaches an API client, `retryable` tells jobs whether trying again can help.
 */
export class GhsyncError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retryable: boolean;

  constructor(
    code: string,
    message: string,
    options: { status?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "GhsyncError";
    this.code = code;
    this.status = options.status ?? 500;
    this.retryable = options.retryable ?? false;
  }
}

/** Bad configuration: the message names the setting and what it must look like. */
export class ConfigError extends GhsyncError {
  constructor(message: string) {
    super("invalid_config", message, { status: 500 });
    this.name = "ConfigError";
  }
}

export function isGhsyncError(error: unknown): error is GhsyncError {
  return error instanceof GhsyncError;
}

/** A job's work stopped at a request boundary (shutdown, time budget); its checkpoints keep what it did. */
export class InterruptedError extends GhsyncError {
  constructor(reason: string) {
    super("interrupted", reason, { status: 503, retryable: true });
    this.name = "InterruptedError";
  }
}

/** Every credential is out of budget until `resumeAt`: the job waits for the reset instead of failing. */
export class RateLimitWaitError extends GhsyncError {
  constructor(
    readonly resumeAt: Date,
    reason: string,
  ) {
    super("rate_limited", reason, { status: 503, retryable: true });
    this.name = "RateLimitWaitError";
  }
}
