/**
 * A page whose code is loaded when it is first opened (Vite splits it into its own file), so the
 * rest of the dashboard does not download what only that page needs — the charting library.
 */
import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.js";
import { Failure, Loading } from "./states.js";

export function lazyPage(what: string, load: () => Promise<FunctionComponent>): FunctionComponent {
  let loaded: FunctionComponent | undefined;
  return function LazyPage() {
    const [page, setPage] = useState<{ component?: FunctionComponent; error?: ApiError }>({
      component: loaded,
    });
    const fetchPage = () =>
      load().then(
        (component) => {
          loaded = component;
          setPage({ component });
        },
        () => setPage({ error: new ApiError(0, "network", "the page's code did not load: reload the page") }),
      );
    useEffect(() => {
      if (!loaded) void fetchPage();
    }, []);
    if (page.error) return <Failure what={what} error={page.error} onRetry={() => void fetchPage()} />;
    const Page = page.component;
    return Page ? <Page /> : <Loading what={what} />;
  };
}
