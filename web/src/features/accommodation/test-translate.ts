/** The German texts as a `t` for the unit tests of the pure helpers (no React needed). */
import { accommodationDe } from "./messages.ts";
import type { Translate } from "./statistic-tables.ts";

export const tDe: Translate = (key, params) =>
  Object.entries(params ?? {}).reduce(
    (text, [name, v]) => text.replaceAll(`{${name}}`, v),
    (accommodationDe as Record<string, string>)[key] ?? key,
  );
