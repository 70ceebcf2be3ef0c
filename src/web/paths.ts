/** Where the person and repository pages live (pages.ts routes them). */

/** The path of a person's page and of a repository's page. */
export const personPath = (login: string) => `/people/${encodeURIComponent(login)}`;
export const repositoryPath = (fullName: string) =>
  `/repos/${fullName.split("/").map(encodeURIComponent).join("/")}`;
