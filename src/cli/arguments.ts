/** Argument parsers shared by the commands' definitions. */
import { InvalidArgumentError } from "commander";

/** A whole number from `min` to `max`; the message names the option. */
export function integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    }
    return parsed;
  };
}
