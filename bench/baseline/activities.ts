/** The baseline's one activity: returns what it was given (no I/O, no application code). */
export async function echo(input: string): Promise<string> {
  return input;
}
