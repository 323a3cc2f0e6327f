/**
 * A workspace's logo: an administrator uploads a PNG or a harmless SVG, every member gets it
 * with its content type, `nosniff`, an ETag and (SVG) a policy that runs nothing; an SVG with a
 * script or an outside reference, an oversize file and any other type are refused in German and
 * change nothing; removing the logo is audited too.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { multipartBody } from "../support/multipart.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { snapshotData } from "../support/snapshot.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

/** A 1 × 1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const SVG =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#036"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/></svg>';

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "norderstedt", name: "Norderstedt" } }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  admin = injectAs(app, await signIn(ctx, "admin", "norderstedt"));
  viewer = injectAs(app, await signIn(ctx, "viewer", "norderstedt"));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const upload = (content: Buffer | string, filename = "logo.png", contentType = "image/png") => {
  const { body, contentType: type } = multipartBody([
    {
      name: "file",
      filename,
      content: typeof content === "string" ? content : content,
      contentType,
    },
  ]);
  return admin({
    method: "PUT",
    url: "/api/workspace/logo",
    payload: body,
    headers: { "content-type": type },
  });
};

describe("workspace logo", () => {
  it("has none at first", async () => {
    expect((await viewer({ method: "GET", url: "/api/workspace/logo" })).statusCode).toBe(404);
  });

  it("accepts a PNG and serves it to every member with the right headers", async () => {
    const res = await upload(PNG);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mediaType: "image/png", bytes: PNG.byteLength });
    const got = await viewer({ method: "GET", url: "/api/workspace/logo" });
    expect(got.statusCode).toBe(200);
    expect(got.headers["content-type"]).toBe("image/png");
    expect(got.headers["x-content-type-options"]).toBe("nosniff");
    expect(got.headers["cache-control"]).toMatch(/private, max-age=\d+/);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    const again = await viewer({
      method: "GET",
      url: "/api/workspace/logo",
      headers: { "if-none-match": String(got.headers["etag"]) },
    });
    expect(again.statusCode).toBe(304);
    const list = await viewer({ method: "GET", url: "/api/workspaces" });
    expect(list.json<{ logo: string | null }[]>()[0]!.logo).toBe(res.json().version);
  });

  it("accepts a harmless SVG and serves it with a restrictive policy", async () => {
    const res = await upload(SVG, "logo.svg", "image/svg+xml");
    expect(res.statusCode, res.body).toBe(200);
    const got = await viewer({ method: "GET", url: "/api/workspace/logo" });
    expect(got.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(got.headers["content-security-policy"]).toMatch(/default-src 'none'.*sandbox/);
    expect(got.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("refuses scripts, outside references, oversize and other types in German, changing nothing", async () => {
    const before = await snapshotData(t.db);
    const cases: [Buffer | string, string, RegExp][] = [
      [SVG.replace("<defs>", "<script>alert(1)</script><defs>"), "logo.svg", /Skript/],
      [SVG.replace("<rect ", '<rect onload="alert(1)" '), "logo.svg", /Ereignis-Attribut/],
      [
        SVG.replace("<defs>", '<image href="https://example.org/x.png"/><defs>'),
        "logo.svg",
        /andere Datei oder Adresse/,
      ],
      [SVG.replace("url(#g)", "url(https://example.org/g)"), "logo.svg", /von außerhalb/],
      [SVG.replace("<defs>", "<foreignObject/><defs>"), "logo.svg", /fremdes Objekt/],
      [
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>',
        "logo.svg",
        /keines von beiden|Dokumenttyp/,
      ],
      [Buffer.concat([PNG, Buffer.alloc(210 * 1024)]), "gross.png", /zu groß.*200 kB/],
      [Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"), "logo.png", /PNG- und SVG-Dateien/],
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "logo.jpg", /PNG- und SVG-Dateien/],
      ["<html><svg></svg></html>", "logo.svg", /PNG- und SVG-Dateien/],
      ["", "leer.png", /leer/],
    ];
    for (const [content, name, message] of cases) {
      const res = await upload(content, name);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
      expect(res.json().error.message, name).toMatch(/^Logo: /);
      expect(res.json().error.message, name).toMatch(message);
      expect(res.json().error.details).toMatchObject({ field: "logo" });
    }
    expect(await snapshotData(t.db)).toEqual(before);
    const still = await viewer({ method: "GET", url: "/api/workspace/logo" });
    expect(still.headers["content-type"]).toMatch(/^image\/svg\+xml/);
  });

  it("lets only administrators change it, and removes it (audited)", async () => {
    const { body, contentType } = multipartBody([
      { name: "file", filename: "logo.png", content: PNG, contentType: "image/png" },
    ]);
    const refused = await viewer({
      method: "PUT",
      url: "/api/workspace/logo",
      payload: body,
      headers: { "content-type": contentType },
    });
    expect(refused.statusCode).toBe(403);
    expect((await viewer({ method: "DELETE", url: "/api/workspace/logo" })).statusCode).toBe(403);
    expect((await admin({ method: "DELETE", url: "/api/workspace/logo" })).statusCode).toBe(204);
    expect((await viewer({ method: "GET", url: "/api/workspace/logo" })).statusCode).toBe(404);
    expect((await admin({ method: "DELETE", url: "/api/workspace/logo" })).statusCode).toBe(404);
    const log = await admin({ method: "GET", url: "/api/audit?entity=workspace_logo" });
    const actions = log
      .json<{ items: { action: string; entity: string }[] }>()
      .items.filter((e) => e.entity === "workspace_logo")
      .map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["create", "update", "delete"]));
  });
});
