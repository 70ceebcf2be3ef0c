/**
 * Every signed-in page: a skip link, the navigation (current page marked), sign-out, content.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { Link } from "./router.js";
import { PAGES } from "./pages.js";

export function Layout(props: { path: string; onSignOut: () => void; children: ComponentChildren }) {
  // After moving to another page, keyboard and screen-reader users start at its content.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else document.getElementById("main")?.focus();
  }, [props.path]);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">ghsync</span>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((page) => (
              <li key={page.path}>
                <Link href={page.path} current={page.path === props.path}>
                  {page.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="secondary sign-out" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
