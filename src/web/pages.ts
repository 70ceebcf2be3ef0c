/**
 * The dashboard's pages, in navigation order. A new page is a component in pages/ and one entry
 * here; the first entry is where sign-in lands.
 */
import type { FunctionComponent } from "preact";
import { lazyPage } from "./components/lazy-page.js";
import { DoraPage } from "./pages/dora.js";
import { GoalsPage } from "./pages/goals.js";
import { NotificationsPage } from "./pages/notifications.js";
import { RepositoriesPage } from "./pages/repositories.js";
import { SyncPage } from "./pages/sync.js";
import { TargetsPage } from "./pages/targets.js";
import { WebhooksPage } from "./pages/webhooks.js";

export interface PageEntry {
  path: string;
  title: string;
  component: FunctionComponent;
}

export const PAGES: readonly PageEntry[] = [
  { path: "/repositories", title: "Repositories", component: RepositoriesPage },
  { path: "/goals", title: "Goals", component: GoalsPage },
  {
    path: "/activity",
    title: "Activity",
    // Its charting library is most of the dashboard's code: loaded when the page is opened.
    component: lazyPage("the Activity page", async () => (await import("./pages/activity.js")).ActivityPage),
  },
  { path: "/delivery", title: "Delivery", component: DoraPage },
  { path: "/sync", title: "Sync", component: SyncPage },
  { path: "/webhooks", title: "Webhooks", component: WebhooksPage },
  { path: "/notifications", title: "Notifications", component: NotificationsPage },
  { path: "/notifications/targets", title: "Targets", component: TargetsPage },
];

export function pageAt(path: string): PageEntry | undefined {
  const normalized = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return PAGES.find((page) => page.path === normalized);
}
