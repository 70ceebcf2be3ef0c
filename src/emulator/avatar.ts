/** Offline avatars: a deterministic coloured disc per account id (GitHub's come from a CDN). */
import { rngFor } from "./prng.js";

export function avatarSvg(id: number): string {
  const rng = rngFor("avatar", id);
  const hue = rng.int(0, 359);
  const cells: string[] = [];
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if (!rng.chance(0.5)) continue;
      for (const column of new Set([x, 4 - x]))
        cells.push(`<rect x="${column * 16 + 10}" y="${y * 16 + 10}" width="16" height="16"/>`);
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">` +
    `<rect width="100" height="100" fill="#f0f0f0"/><g fill="hsl(${hue},60%,50%)">${cells.join("")}</g></svg>`
  );
}
