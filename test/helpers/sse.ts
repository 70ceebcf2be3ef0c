/** Reads a Server-Sent Events stream (the API's /api/sync/events) into parsed events. */
export interface SseStream {
  events: { event: string; data: Record<string, unknown> }[];
  /** Resolves with the events so far once `done` holds for one of them. */
  until(
    done: (event: { event: string; data: Record<string, unknown> }) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  close(): void;
}

/** Opens the stream with an API token, or a dashboard session's cookie. */
export async function openSse(url: string, auth: string | { cookie: string }): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: typeof auth === "string" ? { authorization: `Bearer ${auth}` } : auth,
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`SSE answered ${response.status}`);
  const events: SseStream["events"] = [];
  const waiters = new Set<() => void>();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) events.push({ event: name, data: JSON.parse(data) as Record<string, unknown> });
          for (const waiter of waiters) waiter();
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    until(done, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (events.some(done)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SSE: no matching event within ${timeoutMs} ms (got ${events.length})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
