import { describe, expect, it } from "vitest";
import { PerKeyLimiter, TimeBudget } from "./expensive.ts";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the limiter per key", () => {
  it("runs two at a time, lets four wait in order, and refuses the rest", async () => {
    const limiter = new PerKeyLimiter({ concurrent: 2, queued: 4 });
    const order: number[] = [];
    const pending = Array.from({ length: 8 }, (_, i) =>
      limiter.acquire("user:1").then((release) => {
        if (release) order.push(i);
        return release;
      }),
    );
    await tick();
    expect(order).toEqual([0, 1]);
    expect(limiter.load("user:1")).toEqual({ active: 2, waiting: 4 });
    const [first, second] = await Promise.all([pending[0]!, pending[1]!]);
    expect(await pending[6]).toBeNull();
    expect(await pending[7]).toBeNull();
    first!();
    first!(); // a second release changes nothing
    await tick();
    expect(order).toEqual([0, 1, 2]);
    expect(limiter.load("user:1")).toEqual({ active: 2, waiting: 3 });
    second!();
    for (const p of pending.slice(2, 6)) (await p)!();
    await tick();
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.load("user:1")).toEqual({ active: 0, waiting: 0 });
  });

  it("counts each key on its own", async () => {
    const limiter = new PerKeyLimiter({ concurrent: 1, queued: 0 });
    const a = await limiter.acquire("user:1");
    expect(a).not.toBeNull();
    expect(await limiter.acquire("user:1")).toBeNull();
    const b = await limiter.acquire("user:2");
    expect(b).not.toBeNull();
    a!();
    expect(await limiter.acquire("user:1")).not.toBeNull();
  });
});

describe("the budget of handler time per key", () => {
  it("lets a burst through, then refuses until enough time has been given back", () => {
    let now = 0;
    const budget = new TimeBudget({ budgetMs: 1000, refillPerMs: 0.25 }, () => now);
    expect(budget.waitMs("user:1")).toBe(0);
    budget.charge("user:1", 600);
    expect(budget.waitMs("user:1")).toBe(0);
    budget.charge("user:1", 600); // a long request may overdraw: 1000 - 1200 = -200
    expect(budget.waitMs("user:1")).toBe(804); // (1 + 200) / 0.25
    expect(budget.waitMs("user:2")).toBe(0);
    now += 804;
    expect(budget.waitMs("user:1")).toBe(0);
    now += 1_000_000;
    budget.charge("user:1", 0); // refilled, but never above the budget
    budget.charge("user:1", 999);
    expect(budget.waitMs("user:1")).toBe(0);
    budget.charge("user:1", 1);
    expect(budget.waitMs("user:1")).toBe(4);
  });
});
