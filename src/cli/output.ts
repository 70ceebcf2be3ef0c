/** A command's result on stdout: one JSON document with --json, else lines for a person to read. */
export function printResult(json: boolean | undefined, value: unknown, lines: () => string[]): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${lines().join("\n")}\n`);
}
