/**
 * Serialised JSON answers (indicator value sets, map layers) by workspace, data version and
 * request, with an ETag, least recently used first out. A committed import bumps the data
 * version, so stale entries are never served; this process also drops them at once.
 */
export class JsonTextCache {
  private readonly entries = new Map<string, { body: string; etag: string }>();
  constructor(private readonly maxEntries = 2000) {}

  key(wsId: number, dataVersion: number, parts: readonly (string | undefined)[]): string {
    return `${wsId}|${dataVersion}|${parts.map((p) => p ?? "").join("|")}`;
  }

  get(key: string): { body: string; etag: string } | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency: Map keeps insertion order, so re-inserting makes this the newest.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, body: string): { body: string; etag: string } {
    const entry = { body, etag: `"${hashString(body)}"` };
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }

  dropWorkspace(wsId: number): void {
    for (const k of this.entries.keys()) if (k.startsWith(`${wsId}|`)) this.entries.delete(k);
  }
}

/** FNV-1a, 32 bit, hex: enough to tell two bodies apart for an ETag. */
function hashString(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0") + s.length.toString(16);
}
