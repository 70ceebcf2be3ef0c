/** A request whose 404 or 410 is an answer (the resource is not there, or was deleted), not a failure. */
import { isGhsyncError } from "../util/errors.js";

export async function unlessGone<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (isGhsyncError(error) && (error.status === 404 || error.status === 410)) return undefined;
    throw error;
  }
}
