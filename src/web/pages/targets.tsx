/**
 * Notification targets (/notifications/targets): the chosen person's webhooks, Slack and Discord
 * targets (`/api/users/:login/webhooks`) — add one, send a test, read its delivery log,
 * re-enable one that was switched off after failing, delete one. Email goes to the person's
 * address (set with the person) and is not a target; a test email can be sent there.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { PersonSelect, useChosenPerson, usePeople } from "../components/person-picker.js";
import { Empty, Failure, Loading, Notice } from "../components/states.js";
import type { Target } from "../../contract/notifications.js";
import type { Page } from "../../contract/page.js";
import type { Person } from "../../contract/people.js";
import { Link } from "../router.js";
import { useNow, useResource } from "../use-resource.js";
import { EmailTest } from "./email-test.js";
import { TargetCard } from "./target-card.js";
import { TargetForm } from "./target-form.js";

type Say = (text: string, error?: boolean) => void;

function TargetList({ person, say }: { person: Person; say: Say }) {
  const login = person.login;
  const now = useNow();
  const targets = useResource(
    () => api.get<Page<Target>>(`/api/users/${encodeURIComponent(login)}/webhooks`),
    login,
    30_000,
  );
  const done: Say = (text, error) => {
    say(text, error);
    targets.reload();
  };
  return (
    <>
      <section aria-labelledby="targets-heading">
        <h2 id="targets-heading">Targets of {login}</h2>
        {targets.error && <Failure what="the targets" error={targets.error} onRetry={targets.reload} />}
        {!targets.data && !targets.error && <Loading what="targets" />}
        {targets.data?.items.length === 0 && (
          <Empty>
            <p>
              {login} has no target yet. Add a webhook, Slack or Discord URL below to get syncs and goals
              there.
            </p>
          </Empty>
        )}
        {targets.data && targets.data.items.length > 0 && (
          <ul class="target-list">
            {targets.data.items.map((target) => (
              <TargetCard key={target.id} login={login} target={target} now={now} onDone={done} />
            ))}
          </ul>
        )}
      </section>
      <TargetForm login={login} onDone={done} />
      <EmailTest person={person} onDone={say} />
    </>
  );
}

export function TargetsPage() {
  const people = usePeople();
  const [login, choose] = useChosenPerson(people.data?.items);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const person = people.data?.items.find((entry) => entry.login === login);
  return (
    <>
      <h1>Notification targets</h1>
      <Notice message={message} />
      {people.error && <Failure what="the people" error={people.error} onRetry={people.reload} />}
      {!people.data && !people.error && <Loading what="people" />}
      {people.data?.items.length === 0 && (
        <Empty>
          <p>
            Targets are a person's, and nobody is set up yet: add a person on the{" "}
            <Link href="/goals">Goals</Link> page.
          </p>
        </Empty>
      )}
      {people.data && people.data.items.length > 0 && (
        <div class="filters">
          <PersonSelect id="targets-person" people={people.data.items} value={login} onChange={choose} />
        </div>
      )}
      {person && (
        <TargetList key={person.login} person={person} say={(text, error) => setMessage({ text, error })} />
      )}
    </>
  );
}
