import { describe, expect, it } from "vitest";
import {
  generateOneTimePassword,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from "./passwords.ts";

describe("passwords", () => {
  it("hashes with argon2id and the OWASP parameters, and verifies", async () => {
    const h = await hashPassword("korrekt Pferd Batterie");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, "korrekt Pferd Batterie")).toBe(true);
    expect(await verifyPassword(h, "korrekt Pferd Batteri")).toBe(false);
    expect(await verifyPassword("kein hash", "x")).toBe(false);
  });

  it("salts: the same password hashes differently", async () => {
    expect(await hashPassword("gleiches Passwort")).not.toBe(
      await hashPassword("gleiches Passwort"),
    );
  });

  it("generates unambiguous one-time passwords that differ", () => {
    const a = generateOneTimePassword();
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
    expect(a).not.toMatch(/[lIO01]/);
    expect(new Set(Array.from({ length: 200 }, generateOneTimePassword)).size).toBe(200);
  });

  it.each([
    ["kurz", "zu kurz", /mindestens 12/],
    ["aaaaaaaaaaaaaaaa", "zu wenige Zeichen", /verschiedenen/],
    ["xanna.schmidt123!", "enthält den Anmeldenamen", /Anmeldenamen/],
  ])("rejects %j (%s)", (pw, _why, message) => {
    expect(passwordProblem(pw, "anna.schmidt@stadt.example")).toMatch(message);
  });

  it("accepts a long passphrase", () => {
    expect(passwordProblem("Sozialraum Garstedt 2026", "anna@stadt.example")).toBeNull();
  });
});
