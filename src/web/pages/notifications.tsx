/** Notifications: the chosen person's notifications, newest first, unread ones marked; mark read. */
import { useState } from "preact/hooks";
import { ApiError, api, query } from "../api.js";
import { PersonSelect, useChosenPerson, usePeople } from "../components/person-picker.js";
import { Empty, Failure, Loading, Notice } from "../components/states.js";
import { Time } from "../components/time.js";
import { Link } from "../router.js";
import type { Notification } from "../../contract/notifications.js";
import type { Page } from "../../contract/page.js";
import { useNow, useResource } from "../use-resource.js";

type Say = (text: string, error?: boolean) => void;

function NotificationItem({ item, now, onRead }: { item: Notification; now: number; onRead: () => void }) {
  const unread = item.read_at === null;
  return (
    <li class={unread ? "notification unread" : "notification"}>
      <h3>
        {unread && <span class="badge busy">Unread</span>} {item.title}
      </h3>
      {item.body && <p>{item.body}</p>}
      <p class="detail">
        {item.kind} · <Time iso={item.created_at} now={now} />
        {!unread && (
          <>
            {" "}
            · read <Time iso={item.read_at} now={now} />
          </>
        )}
      </p>
      {unread && (
        <button type="button" class="secondary" onClick={onRead}>
          Mark read<span class="visually-hidden"> {item.title}</span>
        </button>
      )}
    </li>
  );
}

function NotificationList({ login, say }: { login: string; say: Say }) {
  const now = useNow();
  const list = useResource(
    () => api.get<Page<Notification>>(`/api/notifications${query({ user: login, limit: 100 })}`),
    login,
    10_000,
  );
  const act = async (run: () => Promise<unknown>, text: string) => {
    try {
      await run();
      say(text);
    } catch (reason) {
      say(`Could not mark read: ${reason instanceof ApiError ? reason.message : reason}`, true);
    }
    list.reload();
  };
  const unread = list.data?.items.filter((item) => item.read_at === null).length ?? 0;
  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">
        Notifications of {login}
        {list.data && ` (${unread} unread)`}
      </h2>
      {unread > 0 && (
        <button
          type="button"
          onClick={() =>
            act(
              () => api.post(`/api/notifications/read${query({ user: login })}`),
              "All notifications marked read.",
            )
          }
        >
          Mark all read
        </button>
      )}
      {list.error && <Failure what="the notifications" error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading what="notifications" />}
      {list.data?.items.length === 0 && (
        <Empty>
          <p>No notification for {login} yet. Completed syncs and goals reached are announced here.</p>
        </Empty>
      )}
      <ul class="notification-list">
        {list.data?.items.map((item) => (
          <NotificationItem
            key={item.id}
            item={item}
            now={now}
            onRead={() =>
              act(() => api.post(`/api/notifications/${item.id}/read`), `"${item.title}" marked read.`)
            }
          />
        ))}
      </ul>
    </section>
  );
}

export function NotificationsPage() {
  const people = usePeople();
  const [login, choose, canChoose] = useChosenPerson(people.data?.items);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  return (
    <>
      <h1>Notifications</h1>
      <p class="detail">
        Where they are sent besides email: <Link href="/notifications/targets">notification targets</Link>.
      </p>
      <Notice message={message} />
      {people.error && <Failure what="the people" error={people.error} onRetry={people.reload} />}
      {!people.data && !people.error && <Loading what="people" />}
      {people.data?.items.length === 0 && (
        <Empty>
          <p>
            Notifications are a person's, and nobody is set up yet: add a person on the{" "}
            <Link href="/goals">Goals</Link> page.
          </p>
        </Empty>
      )}
      {people.data && people.data.items.length > 0 && canChoose && (
        <div class="filters">
          <PersonSelect
            id="notifications-person"
            people={people.data.items}
            value={login}
            onChange={choose}
          />
        </div>
      )}
      {login && (
        <NotificationList key={login} login={login} say={(text, error) => setMessage({ text, error })} />
      )}
    </>
  );
}
