/**
 * The people of ghsync (`GET /api/users`) and which one a page shows: the choice is remembered
 * across pages and reloads (Goals, Notifications and Activity show the same person).
 */
import { useState } from "preact/hooks";
import { api, canManage, signedInLogin } from "../api.js";
import type { Page } from "../../contract/page.js";
import type { Person } from "../../contract/people.js";
import { useResource, type Resource } from "../use-resource.js";

const REMEMBERED = "ghsync:person";

export function usePeople(): Resource<Page<Person>> {
  return useResource(() => api.get<Page<Person>>("/api/users?limit=500"), "people");
}

/**
 * The chosen login: the remembered one while it exists, else the first person. A member sees only
 * their own goals and notifications: always themselves (`canChoose` false: no picker).
 */
export function useChosenPerson(
  people: readonly Person[] | undefined,
): [string, (login: string) => void, boolean] {
  const [chosen, setChosen] = useState(() => localStorage.getItem(REMEMBERED) ?? "");
  const choose = (login: string) => {
    localStorage.setItem(REMEMBERED, login);
    setChosen(login);
  };
  const own = signedInLogin();
  if (!canManage() && own !== null) return [own, () => undefined, false];
  const known = people?.some((person) => person.login === chosen);
  return [known ? chosen : (people?.[0]?.login ?? ""), choose, true];
}

export function personWords(person: Person): string {
  const accounts = person.accounts.map((account) => account.login).join(", ");
  const name = person.name ? `${person.name} (${person.login})` : person.login;
  return accounts ? `${name} · GitHub ${accounts}` : `${name} · no GitHub account linked`;
}

export function PersonSelect(props: {
  id: string;
  people: readonly Person[];
  value: string;
  onChange: (login: string) => void;
  /** Offer "everyone" (an empty value) first, with these words. */
  everyone?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>Person</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {props.everyone !== undefined && <option value="">{props.everyone}</option>}
        {props.people.map((person) => (
          <option key={person.login} value={person.login}>
            {personWords(person)}
          </option>
        ))}
      </select>
    </div>
  );
}
