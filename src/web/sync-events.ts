/**
 * One EventSource on /api/sync/events for the whole page (the cookie authenticates it), shared by
 * every component that listens. It opens with the first listener and stays open while signed in
 * (moving between pages does not reconnect); EventSource reconnects by itself after a drop.
 */
import { useEffect, useRef } from "preact/hooks";
import type { StreamEvent, SyncEvent } from "../contract/events.js";

const EVENT_TYPES = [
  "sync:start",
  "sync:progress",
  "sync:complete",
  "sync:error",
  "goals:evaluated",
] as const;
const listeners = new Set<(event: StreamEvent) => void>();
let source: EventSource | null = null;

function open(): void {
  source = new EventSource("/api/sync/events");
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as StreamEvent;
      for (const listener of listeners) listener(event);
    });
  }
}

function useStream(onEvent: (event: StreamEvent) => void): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    const listener = (event: StreamEvent) => latest.current(event);
    listeners.add(listener);
    if (!source) open();
    return () => void listeners.delete(listener);
  }, []);
}

/** Calls `onEvent` (the latest one given) for every sync job event while the component is mounted. */
export function useSyncEvents(onEvent: (event: SyncEvent) => void): void {
  useStream((event) => {
    if (event.type !== "goals:evaluated") onEvent(event);
  });
}

/** Calls `onEvaluated` whenever the server has re-evaluated the open goals (their progress may have moved). */
export function useGoalEvents(onEvaluated: () => void): void {
  useStream((event) => {
    if (event.type === "goals:evaluated") onEvaluated();
  });
}

/** At sign-out: the stream's session is gone. */
export function closeSyncEvents(): void {
  source?.close();
  source = null;
}
