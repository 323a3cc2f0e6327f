/** A wrong call of `sopla`: the error, its message in German, and the checks of arguments. */

/** A wrong call; `sopla` prints it with where the right call is explained and exits with 2. */
export class UsageError extends Error {
  /** `help`: where the right call is explained. */
  constructor(
    message: string,
    readonly help = "sopla --help",
  ) {
    super(message);
  }
}

/** A wrong call in German; node's argument parser words its errors in English. */
export function usageMessage(e: Error): string {
  const code = "code" in e ? String(e.code) : "";
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Unbekannte Option „${quoted}“.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `Die Option „${quoted.split(" ")[0] ?? quoted}“ braucht einen Wert.`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `Unerwartetes Argument „${quoted}“.`;
    default:
      return e.message;
  }
}

/** The one file a command takes (`sopla backup <Datei>`). */
export function onePath(command: string, positionals: string[]): string {
  if (positionals.length !== 1 || positionals[0] === "") {
    throw new UsageError(`${command} braucht genau eine Datei: sopla ${command} <Datei>.`);
  }
  return positionals[0]!;
}
