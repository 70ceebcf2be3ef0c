/** GitHub's OpenAPI types ids as int64 (number | bigint); every id GitHub issues fits in 2^53. */
export function toId(value: number | bigint): number {
  return typeof value === "bigint" ? Number(value) : value;
}

export function toOptionalId(value: number | bigint | null | undefined): number | null {
  return value === null || value === undefined ? null : toId(value);
}
