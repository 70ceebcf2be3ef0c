/**
 * `X-GitHub-Api-Version`: GitHub serves the dated versions it publishes and answers 400 to any
 * other ("If you specify an API version that is no longer supported, you will receive a 400
 * error": https://docs.github.com/rest/about-the-rest-api/api-versions). No header: 2022-11-28.
 */
const SUPPORTED = ["2022-11-28", "2026-03-10"];

export function isSupportedApiVersion(version: string): boolean {
  return SUPPORTED.includes(version.trim());
}

/** The 400 body (GitHub's exact wording is not documented; this names the supported versions). */
export function unsupportedApiVersion(version: string): string {
  return JSON.stringify({
    message: `Unsupported 'X-GitHub-Api-Version' header: ${version}. Supported versions are: ${SUPPORTED.join(", ")}.`,
    documentation_url: "https://docs.github.com/rest/about-the-rest-api/api-versions",
    status: "400",
  });
}
