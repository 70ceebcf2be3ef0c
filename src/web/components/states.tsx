/** What a page shows while loading, when there is nothing to show, and when loading failed. */
import type { ComponentChildren } from "preact";
import type { ApiError } from "../api.js";

export function Loading({ what }: { what: string }) {
  return (
    <p class="state" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state empty">{children}</div>;
}

export function Failure({ what, error, onRetry }: { what: string; error: ApiError; onRetry?: () => void }) {
  return (
    <div class="state failure" role="alert">
      <p>
        Could not load {what}: {error.message}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A polite live region for the outcome of an action ("Sync of acme/web queued"). */
export function Notice({ message }: { message: { text: string; error?: boolean } | null }) {
  return (
    <p class={message?.error ? "notice error" : "notice"} role="status" aria-live="polite">
      {message?.text ?? ""}
    </p>
  );
}
