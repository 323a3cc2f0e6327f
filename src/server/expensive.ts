/**
 * A limit per user for the routes that compute a lot (the accommodation statistic, series and
 * forecast, report drafts and publishing, index runs, imports …). A route says so next to its
 * access rule: `config: { access: …, expensive: true }`. Two rules, per account (or, without
 * login, per client address):
 *
 * - **At the same time:** `concurrent` requests run, `queued` more wait their turn, any further
 *   one is refused at once. The few requests a page sends together all get through.
 * - **Over time:** each has a budget of handler time (`budgetMs`) that refills at
 *   `refillPerMs` per millisecond; a request that finds it used up is refused at once, before
 *   any work. So one member with many connections, or one script in a loop, gets at most that
 *   share of the server once the budget is spent, however the computation is done.
 *
 * A refusal is 429 with `Retry-After` and the error envelope. The limit lives in this
 * process: with several app servers, each counts on its own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { performance } from "node:perf_hooks";
import { errorEnvelope } from "../contracts/common.ts";
import { AppError } from "../services/app-error.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route computes a lot: it runs under the limit per user. */
    expensive?: boolean;
  }
}

export interface ExpensiveLimit {
  /** Expensive requests one user may have running at a time. */
  readonly concurrent: number;
  /** Expensive requests one user may have waiting beyond those. */
  readonly queued: number;
  /** What `Retry-After` says when the running and waiting places are full. */
  readonly retryAfterSeconds: number;
  /** Handler time, in ms, one user may spend in a burst. */
  readonly budgetMs: number;
  /** Handler time given back per ms of wall time (0.25: a quarter of the server's time). */
  readonly refillPerMs: number;
}

/**
 * A page sends up to five expensive requests together; the template editor's live preview
 * keeps a planner at about a third of the server's time while editing. A flood from one user
 * is refused after about a minute of full load, and then gets at most half of the time.
 */
export const DEFAULT_EXPENSIVE_LIMIT: ExpensiveLimit = {
  concurrent: 2,
  queued: 4,
  retryAfterSeconds: 5,
  budgetMs: 30_000,
  refillPerMs: 0.5,
};

/**
 * Handler time per key, as a bucket: full at `budgetMs`, drained by what each request took,
 * refilled with the wall time that passes. It may go below zero after a long request; the
 * key then waits until it is above zero again.
 */
export class TimeBudget {
  private readonly buckets = new Map<string, { balance: number; at: number }>();

  constructor(
    private readonly limit: Pick<ExpensiveLimit, "budgetMs" | "refillPerMs">,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** How long, in ms, `key` must wait before its next request (0: it may go now). */
  waitMs(key: string): number {
    const balance = this.balance(key);
    return balance > 0 ? 0 : Math.ceil((1 - balance) / this.limit.refillPerMs);
  }

  /** Takes what a request of `key` took from its budget. */
  charge(key: string, ms: number): void {
    const balance = this.balance(key) - ms;
    this.buckets.set(key, { balance, at: this.clock() });
    if (this.buckets.size > 10_000) this.forgetFull();
  }

  private balance(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.limit.budgetMs;
    const refilled = (this.clock() - bucket.at) * this.limit.refillPerMs;
    return Math.min(this.limit.budgetMs, bucket.balance + refilled);
  }

  private forgetFull(): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.balance(key) >= this.limit.budgetMs) this.buckets.delete(key);
    }
  }
}

interface Lane {
  active: number;
  readonly waiting: (() => void)[];
}

/** Slots per key: a few at a time, a short queue, no more. */
export class PerKeyLimiter {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limit: Pick<ExpensiveLimit, "concurrent" | "queued">) {}

  /**
   * A release function once `key` has a free slot (at once, or after waiting in the queue),
   * or null when its slots and its queue are full. Call the release exactly once; more calls
   * do nothing.
   */
  async acquire(key: string): Promise<(() => void) | null> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      this.lanes.set(key, lane);
    }
    if (lane.active < this.limit.concurrent) {
      lane.active++;
    } else if (lane.waiting.length < this.limit.queued) {
      // The slot is handed over by the release of a running request.
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
    } else {
      return null;
    }
    return this.releaser(key, lane);
  }

  /** Requests running and waiting for `key` (for tests and diagnostics). */
  load(key: string): { active: number; waiting: number } {
    const lane = this.lanes.get(key);
    return { active: lane?.active ?? 0, waiting: lane?.waiting.length ?? 0 };
  }

  private releaser(key: string, lane: Lane): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next) {
        next();
        return;
      }
      lane.active--;
      if (lane.active === 0) this.lanes.delete(key);
    };
  }
}

/** Whom a request is counted for: the account when logged in, otherwise the client address. */
function limitKey(request: FastifyRequest): string {
  return request.user ? `user:${request.user.userId}` : `addr:${request.ip}`;
}

/**
 * Wraps the handler of every route marked `expensive` (call before the routes are added). The
 * handler runs after the access rule and validation, so refused and invalid requests take no
 * slot; the slot is given back when the handler has finished.
 */
export function installExpensiveLimit(app: FastifyInstance, limit: ExpensiveLimit): void {
  const limiter = new PerKeyLimiter(limit);
  const budget = new TimeBudget(limit);
  app.addHook("onRoute", (route) => {
    if (!route.config?.expensive) return;
    // The refusal belongs to the route's documented answers (OpenAPI).
    const response = route.schema?.response;
    if (route.schema && typeof response === "object" && response !== null) {
      route.schema = { ...route.schema, response: { ...response, 429: errorEnvelope } };
    }
    const handler = route.handler;
    const limited = async function (
      this: FastifyInstance,
      request: FastifyRequest,
      reply: FastifyReply,
    ): Promise<unknown> {
      const key = limitKey(request);
      const wait = budget.waitMs(key);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new AppError(
          "too_many_requests",
          `Sie haben in kurzer Zeit viele aufwendige Auswertungen angefordert. Bitte in ${seconds} ${seconds === 1 ? "Sekunde" : "Sekunden"} erneut versuchen.`,
          { retryAfterSeconds: seconds },
        );
      }
      const release = await limiter.acquire(key);
      if (!release) {
        throw new AppError(
          "too_many_requests",
          "Zu viele aufwendige Anfragen zugleich. Bitte einen Moment warten und dann erneut versuchen.",
          { retryAfterSeconds: limit.retryAfterSeconds },
        );
      }
      const started = performance.now();
      try {
        return await handler.call(this, request, reply);
      } finally {
        budget.charge(key, performance.now() - started);
        release();
      }
    };
    route.handler = limited;
  });
}
