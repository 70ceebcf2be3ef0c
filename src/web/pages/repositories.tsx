/**
 * Repositories (the first page after sign-in): every tracked repository with its state and a
 * progress bar that moves with the job events while a sync runs; track, sync now, untrack. The
 * table is searched, filtered and sorted in the page, the view kept in the URL's query string.
 */
import { useState } from "preact/hooks";
import { api, canManage } from "../api.js";
import { Empty, Failure, Loading, Notice } from "../components/states.js";
import { useSyncEvents } from "../sync-events.js";
import type { Page } from "../../contract/page.js";
import type { Repository } from "../../contract/repositories.js";
import { useNow, useResource } from "../use-resource.js";
import { RepositoryControls, SortHeader } from "./repository-controls.js";
import { applyEvent, type LiveProgress } from "./repository-progress.js";
import { applyView, parseView, viewSearch, type RepositoryView } from "./repository-view.js";
import { RepositoryRow } from "./repository-row.js";
import { TrackForm } from "./track-form.js";

export function RepositoriesPage() {
  const repos = useResource(() => api.get<Page<Repository>>("/api/repos?limit=500"), "repos", 10_000);
  const [live, setLive] = useState<Map<string, LiveProgress>>(new Map());
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const now = useNow(5_000);
  const [view, setView] = useState<RepositoryView>(() => parseView(location.search));
  const changeView = (next: RepositoryView) => {
    setView(next);
    // Replaced, not pushed: typing a search is not a trail of pages to go back through.
    history.replaceState(null, "", `${location.pathname}${viewSearch(next, location.search)}`);
  };
  const shown = repos.data ? applyView(repos.data.items, view, now) : [];
  useSyncEvents((event) => {
    setLive((current) => applyEvent(current, event));
    if (event.type !== "sync:progress") repos.reload();
  });
  const done = (text: string, error?: boolean) => {
    setMessage({ text, error });
    repos.reload();
  };

  return (
    <>
      <h1>Repositories</h1>
      {canManage() && <TrackForm onTracked={done} />}
      <Notice message={message} />
      <section aria-labelledby="tracked-heading">
        <h2 id="tracked-heading">Tracked repositories</h2>
        {repos.error && <Failure what="the repositories" error={repos.error} onRetry={repos.reload} />}
        {!repos.data && !repos.error && <Loading what="repositories" />}
        {repos.data?.items.length === 0 && (
          <Empty>
            <p>
              No repository is tracked yet.{" "}
              {canManage()
                ? "Track one above: its history is mirrored, then kept current."
                : "An admin tracks them: their history is mirrored, then kept current."}
            </p>
          </Empty>
        )}
        {repos.data && repos.data.items.length > 0 && (
          <RepositoryControls
            view={view}
            onChange={changeView}
            shown={shown.length}
            total={repos.data.items.length}
          />
        )}
        {repos.data && repos.data.items.length > 0 && shown.length === 0 && (
          <Empty>
            <p>No tracked repository matches this search and filter.</p>
          </Empty>
        )}
        {shown.length > 0 && (
          <table class="cards">
            <thead>
              <tr>
                <SortHeader sort="name" view={view} onChange={changeView} />
                <SortHeader sort="state" view={view} onChange={changeView} />
                <th scope="col">Progress</th>
                <SortHeader sort="updated" view={view} onChange={changeView} />
                <th scope="col">Rows</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((repo) => (
                <RepositoryRow
                  key={repo.full_name}
                  repo={repo}
                  live={live.get(repo.full_name.toLowerCase())}
                  now={now}
                  onDone={done}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
