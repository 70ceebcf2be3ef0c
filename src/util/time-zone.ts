/** Whether a string names an IANA time zone (people's zones are checked in store/ and metrics/). */
import { IANAZone } from "luxon";

export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
