/**
 * At most `limit` open connections per client address (issue 20, finding 6): one address sending
 * slowly cannot hold every socket of the server while the header and request timeouts run. A
 * connection over the cap is closed at once, before any byte is read; other addresses are served.
 */
import type { Server } from "node:http";

export function capConnectionsPerAddress(server: Server, limit: number): void {
  if (limit <= 0) return;
  const open = new Map<string, number>();
  server.on("connection", (socket) => {
    const address = socket.remoteAddress ?? "";
    const count = (open.get(address) ?? 0) + 1;
    if (count > limit) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
