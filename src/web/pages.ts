/**
 * The dashboard's pages, in navigation order. A new page (Goals, Activity, Notifications) is a
 * component in pages/ and one entry here; the first entry is where sign-in lands.
 */
import type { FunctionComponent } from "preact";
import { RepositoriesPage } from "./pages/repositories.js";
import { SyncPage } from "./pages/sync.js";
import { WebhooksPage } from "./pages/webhooks.js";

export interface PageEntry {
  path: string;
  title: string;
  component: FunctionComponent;
}

export const PAGES: readonly PageEntry[] = [
  { path: "/repositories", title: "Repositories", component: RepositoriesPage },
  { path: "/sync", title: "Sync", component: SyncPage },
  { path: "/webhooks", title: "Webhooks", component: WebhooksPage },
];

export function pageAt(path: string): PageEntry | undefined {
  const normalized = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return PAGES.find((page) => page.path === normalized);
}
