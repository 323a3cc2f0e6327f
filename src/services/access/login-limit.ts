/**
 * The rule that slows down password guessing without letting an attacker lock other people
 * out (docs/adr/0002-sessions-and-sso.md). It is pure: the counts come from the database, the time is passed in.
 *
 * - An attempt is *trusted* when the browser shows a device cookie with which the same login
 *   name signed in successfully within `KNOWN_DEVICE_MS`; otherwise it is *untrusted*.
 * - Each attempt belongs to one *lane*: the pair (login name, device) when trusted, the pair
 *   (login name, client address) when untrusted. A lane has `FREE_FAILURES` failures within
 *   `LANE_WINDOW_MS`; after that, each further attempt must wait after the lane's last
 *   failure: 1 minute after the fifth failure, then twice as long after each further one, at
 *   most `MAX_BACKOFF_MS`. A success clears the lane.
 * - Against guessing from many addresses, untrusted attempts for a login name are refused
 *   while `NAME_CAP` untrusted failures for that name lie within `NAME_WINDOW_MS`; against
 *   spraying one password over many names, untrusted attempts from an address are refused
 *   while `ADDRESS_CAP` untrusted failures from it lie within `ADDRESS_WINDOW_MS`.
 *   Trusted attempts never count towards or meet these caps, so whoever signed in before
 *   with their browser is not locked out by someone else's failures, even behind one shared
 *   address.
 */

export const FREE_FAILURES = 5;
export const LANE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const FIRST_BACKOFF_MS = 60 * 1000;
export const MAX_BACKOFF_MS = 60 * 60 * 1000;
export const NAME_CAP = 50;
export const NAME_WINDOW_MS = 24 * 60 * 60 * 1000;
export const ADDRESS_CAP = 100;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
/** How long a successful sign-in makes a browser trusted for that login name. */
export const KNOWN_DEVICE_MS = 90 * 24 * 60 * 60 * 1000;

/** What the database knows about the keys of one attempt, read under a lock. */
export interface AttemptHistory {
  /** Whether the browser's device cookie signed in with this login name lately. */
  readonly trusted: boolean;
  /** Failures of the attempt's lane within LANE_WINDOW_MS, and the latest of them. */
  readonly laneFailures: number;
  readonly laneLastFailure: Date | null;
  /** Untrusted failures for the login name within NAME_WINDOW_MS, and the earliest. */
  readonly nameFailures: number;
  readonly nameFirstFailure: Date | null;
  /** Untrusted failures from the client address within ADDRESS_WINDOW_MS, and the earliest. */
  readonly addressFailures: number;
  readonly addressFirstFailure: Date | null;
}

export type AttemptDecision =
  | { readonly kind: "admit" }
  | {
      readonly kind: "refuse";
      /** Why: the lane's own back-off, or a cap that only a known browser passes. */
      readonly reason: "backoff" | "name_cap" | "address_cap";
      readonly retryAfterSeconds: number;
    };

/** The wait after the lane's last failure once it has `failures` of them (0 below the free ones). */
export function backoffMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  const doublings = Math.min(failures - FREE_FAILURES, 20);
  return Math.min(FIRST_BACKOFF_MS * 2 ** doublings, MAX_BACKOFF_MS);
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** Whether an attempt with this history may check its password now. */
export function decideAttempt(history: AttemptHistory, now: Date): AttemptDecision {
  const t = now.getTime();
  if (!history.trusted) {
    if (history.nameFailures >= NAME_CAP && history.nameFirstFailure) {
      const until = history.nameFirstFailure.getTime() + NAME_WINDOW_MS;
      return { kind: "refuse", reason: "name_cap", retryAfterSeconds: seconds(until - t) };
    }
    if (history.addressFailures >= ADDRESS_CAP && history.addressFirstFailure) {
      const until = history.addressFirstFailure.getTime() + ADDRESS_WINDOW_MS;
      return { kind: "refuse", reason: "address_cap", retryAfterSeconds: seconds(until - t) };
    }
  }
  const wait = backoffMs(history.laneFailures);
  if (wait > 0 && history.laneLastFailure) {
    const until = history.laneLastFailure.getTime() + wait;
    if (until > t)
      return { kind: "refuse", reason: "backoff", retryAfterSeconds: seconds(until - t) };
  }
  return { kind: "admit" };
}

/** The German message of a refusal, with the wait in minutes. */
export function refusalMessage(decision: Extract<AttemptDecision, { kind: "refuse" }>): string {
  const minutes = Math.ceil(decision.retryAfterSeconds / 60);
  const wait = minutes === 1 ? "einer Minute" : `${minutes} Minuten`;
  if (decision.reason === "backoff") {
    return `Zu viele fehlgeschlagene Anmeldungen. Bitte in ${wait} erneut versuchen.`;
  }
  return `Zu viele fehlgeschlagene Anmeldungen für dieses Konto oder von dieser Adresse. Mit einem Browser, in dem Sie sich hier schon angemeldet haben, geht es weiter; sonst bitte in ${wait} erneut versuchen.`;
}
