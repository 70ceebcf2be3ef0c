/** A time as people say it ("3 minutes ago"), with the exact time on hover and for machines. */
import { absoluteTime, relativeTime } from "../format.js";

export function Time({
  iso,
  now,
  fallback = "never",
}: {
  iso: string | null;
  now: number;
  fallback?: string;
}) {
  if (!iso) return <span>{fallback}</span>;
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {relativeTime(iso, now, fallback)}
    </time>
  );
}
