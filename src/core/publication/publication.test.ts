import { describe, expect, it } from "vitest";
import { isVisibleTo, mayBypassDisclosure, PUBLICATION_STATES } from "./publication.ts";

describe("publication", () => {
  it("shows the public only public items, internal users internal and public, planners all", () => {
    const seen = (a: "planning" | "internal" | "public") =>
      PUBLICATION_STATES.filter((s) => isVisibleTo(s, a));
    expect(seen("public")).toEqual(["public"]);
    expect(seen("internal")).toEqual(["internal", "public"]);
    expect(seen("planning")).toEqual(["draft", "internal", "public"]);
  });

  it("lets only planners see values without disclosure control", () => {
    expect(mayBypassDisclosure("planning")).toBe(true);
    expect(mayBypassDisclosure("internal")).toBe(false);
    expect(mayBypassDisclosure("public")).toBe(false);
  });
});
