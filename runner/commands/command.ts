/**
 * A CLI sub-command. `main` gets the arguments after the command name and
 * resolves to the process exit code: 0 success, 1 a failed run or query,
 * 2 a usage or validation error.
 */
export interface CommandModule {
  readonly summary: string;
  main(argv: readonly string[]): Promise<number>;
}
