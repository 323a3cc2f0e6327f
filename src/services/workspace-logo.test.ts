import { describe, expect, it } from "vitest";
import { checkLogo, MAX_LOGO_BYTES } from "./workspace-logo.ts";

const svg = (body: string) =>
  new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`);
const PNG_START = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("checkLogo", () => {
  it.each([
    ["a PNG by its signature", new Uint8Array([...PNG_START, 0, 0, 0, 13]), "image/png"],
    ["a plain SVG", svg('<rect width="4" height="4"/>'), "image/svg+xml"],
    [
      "an SVG with a BOM, prologue, comment and inner references",
      new TextEncoder().encode(
        '\uFEFF<?xml version="1.0"?>\n<!-- Logo --><svg xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="p"/></defs><use xlink:href="#p"/><rect fill="url(#p)"/></svg>',
      ),
      "image/svg+xml",
    ],
  ])("accepts %s", (_what, bytes, type) => {
    expect(checkLogo(bytes)).toBe(type);
  });

  it.each([
    ["an upper-case script", svg("<SCRIPT>x()</SCRIPT>")],
    ["an event attribute", svg('<rect onclick="x()"/>')],
    ["an outside link", svg('<a href="https://example.org"><rect/></a>')],
    ["an outside image", svg("<image href='//example.org/x.png'/>")],
    ["a javascript: link", svg('<a href="javascript:x()"><rect/></a>')],
    ["an animation that sets a link", svg('<set attributeName="href" to="#x"/>')],
    ["an imported style sheet", svg("<style>@import 'https://example.org/a.css';</style>")],
    ["an outside url() in a style", svg("<style>rect{fill:url(https://example.org/f)}</style>")],
    ["a foreign object", svg("<foreignObject><div/></foreignObject>")],
    ["a DTD", new TextEncoder().encode('<!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>')],
    ["HTML around an SVG", new TextEncoder().encode("<html><svg></svg></html>")],
    ["a GIF", new TextEncoder().encode("GIF89a")],
    ["bytes that are no text", new Uint8Array([0xff, 0xfe, 0xfd])],
    ["an empty file", new Uint8Array()],
    ["a file over 200 kB", new Uint8Array(MAX_LOGO_BYTES + 1).fill(0x20)],
  ])("refuses %s, naming the field", (_what, bytes) => {
    expect(() => checkLogo(bytes)).toThrow(/^Logo: /);
  });
});
