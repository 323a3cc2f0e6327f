/**
 * Publication states of catalogue items (variables, indicators, later reports) and who sees
 * them. A draft is the planners' work in progress; internal items are for everyone in the
 * municipality's administration and council; public items are released to everyone, and
 * every number of a public item leaves the product only after disclosure control.
 */
export const PUBLICATION_STATES = ["draft", "internal", "public"] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/**
 * Who is looking: `planning` (the social planners, who author drafts), `internal` (any other
 * member of the workspace), `public` (no login).
 */
export type Audience = "planning" | "internal" | "public";

const VISIBLE: Record<Audience, ReadonlySet<PublicationState>> = {
  planning: new Set(["draft", "internal", "public"]),
  internal: new Set(["internal", "public"]),
  public: new Set(["public"]),
};

export function isVisibleTo(state: PublicationState, audience: Audience): boolean {
  return VISIBLE[audience].has(state);
}

/** Only the planning audience may see values without disclosure control. */
export function mayBypassDisclosure(audience: Audience): boolean {
  return audience === "planning";
}
