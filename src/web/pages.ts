/**
 * The dashboard's pages, in navigation order. A new page is a component in pages/ and one entry
 * here; the first entry is where sign-in lands.
 */
import type { FunctionComponent } from "preact";
import { lazyPage } from "./components/lazy-page.js";
import { DoraPage } from "./pages/dora.js";
import { GoalsPage } from "./pages/goals.js";
import { NotificationsPage } from "./pages/notifications.js";
import { PersonPage } from "./pages/person.js";
import { RepositoryPage } from "./pages/repository.js";
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

/** Pages of one person or one repository, reached by links (not in the navigation). */
export interface DetailEntry {
  pattern: RegExp;
  title: (params: readonly string[]) => string;
  component: FunctionComponent<{ params: readonly string[] }>;
}

const DETAIL_PAGES: readonly DetailEntry[] = [
  { pattern: /^\/people\/([^/]+)$/, title: ([login]) => login ?? "Person", component: PersonPage },
  {
    pattern: /^\/repos\/([^/]+)\/([^/]+)$/,
    title: ([owner, name]) => `${owner}/${name}`,
    component: RepositoryPage,
  },
];

/** The detail page at `path` and its decoded parameters. */
export function detailAt(path: string): { entry: DetailEntry; params: string[] } | undefined {
  const normalized = path.length > 1 ? path.replace(/\/+$/, "") : path;
  for (const entry of DETAIL_PAGES) {
    const match = entry.pattern.exec(normalized);
    if (!match) continue;
    try {
      return { entry, params: match.slice(1).map((part) => decodeURIComponent(part)) };
    } catch {
      return undefined; // a malformed escape: no such page
    }
  }
  return undefined;
}
