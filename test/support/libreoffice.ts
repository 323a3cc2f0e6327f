/**
 * LibreOffice as a real client in tests: it opens our DOCX and XLSX files as a planner's office
 * suite would, and converts them (to PDF, CSV …) so tests can read what it made of them.
 *
 * Each test process uses its own LibreOffice profile, because two LibreOffice instances sharing
 * a profile block each other; within a process, conversions run one after another for the same
 * reason. The profile is kept for the process's later conversions (creating it is most of the
 * slow first start). Test files call `removeLibreOfficeFiles` in `afterAll`, since vitest ends
 * its worker processes without running their exit handlers.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export const SOFFICE = process.env["SOFFICE_PATH"] ?? "/usr/bin/soffice";

/** Whether LibreOffice is installed, so tests can skip rather than fail where it is not. */
export function hasLibreOffice(): boolean {
  return existsSync(SOFFICE);
}

let profile: string | null = null;
let queue: Promise<unknown> = Promise.resolve();
/** The profile and every output directory, removed by `removeLibreOfficeFiles`. */
const made = new Set<string>();

function profileDir(): string {
  if (profile === null) {
    profile = mkdtempSync(join(tmpdir(), "sopla-libreoffice-profile-"));
    made.add(profile);
  }
  return profile;
}

/** Removes the profile and the converted files, once no conversion is running. */
export async function removeLibreOfficeFiles(): Promise<void> {
  await queue;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
  profile = null;
}

process.once("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * Converts `file` with LibreOffice headless and returns the path of the result, in a fresh
 * temporary directory. `format` is what `soffice --convert-to` takes: "pdf", or with a filter
 * and its options, such as `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`
 * (every sheet to its own CSV file, named after the sheet; the result is then the directory).
 */
export function convertWithLibreOffice(file: string, format: string): Promise<string> {
  const job = queue.then(() => convert(file, format));
  queue = job.catch(() => undefined);
  return job;
}

async function convert(file: string, format: string): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), "sopla-libreoffice-out-"));
  made.add(outdir);
  const extension = format.split(":")[0] ?? format;
  const { stdout, stderr } = await run(
    SOFFICE,
    [
      `-env:UserInstallation=${pathToFileURL(profileDir()).href}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      format,
      "--outdir",
      outdir,
      file,
    ],
    { timeout: 180_000, env: { ...process.env, LANG: "de_DE.UTF-8", HOME: profileDir() } },
  );
  const produced = readdirSync(outdir);
  const expected = `${basename(file, extname(file))}.${extension}`;
  if (produced.includes(expected)) return join(outdir, expected);
  if (produced.length > 0) return outdir;
  throw new Error(`LibreOffice hat ${file} nicht umgewandelt.\n${stdout}\n${stderr}`);
}
