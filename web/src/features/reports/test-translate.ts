/** The German texts as a `t` for the unit tests of the pure helpers (no React needed). */
import { reportsDe, type Translate } from "./messages.ts";

export const tDe: Translate = (key, params) =>
  Object.entries(params ?? {}).reduce(
    (text, [name, v]) => text.replaceAll(`{${name}}`, v),
    reportsDe[key],
  );
