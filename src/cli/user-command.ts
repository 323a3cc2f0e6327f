/** `sopla user …`: accounts at the installation level, as the operator (ADR 0007). */
import { parseArgs } from "node:util";
import type { Role } from "../services/access/users.ts";
import type { Config } from "./config.ts";
import { operate } from "./database.ts";
import { UsageError } from "./usage.ts";

const ROLE_TEXT: Record<Role, string> = {
  admin: "Verwaltung",
  planner: "Sozialplanung",
  contributor: "Fachdienst",
  occupancy: "Unterkünfte",
  viewer: "Lesen (Politik)",
};

export async function userCommand(config: Config, argv: string[]): Promise<number> {
  const [sub, ...args] = argv;
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      workspace: { type: "string" },
      remove: { type: "boolean" },
    },
    strict: true,
  });
  const need = (key: "email" | "name" | "role"): string => {
    const v = values[key];
    if (v === undefined) throw new UsageError(`user ${sub ?? ""} braucht --${key}.`);
    return v;
  };
  switch (sub ?? "") {
    case "add": {
      const acc = await operate(config, "user.add", {
        email: need("email"),
        displayName: need("name"),
        role: need("role"),
        workspace: values.workspace,
      });
      console.log(
        `Konto angelegt: ${acc.email} (${acc.displayName}), Rolle ${acc.role} in „${acc.workspace}“.`,
      );
      console.log(`Einmalpasswort (wird nur jetzt angezeigt, bei der ersten Anmeldung zu ändern):`);
      console.log(acc.oneTimePassword);
      return 0;
    }
    case "list": {
      const members = await operate(config, "user.list", { workspace: values.workspace });
      for (const m of members) {
        const flags = [
          m.installationAdmin ? "Installationsverwaltung" : null,
          m.pendingRole ? `angefragt: ${m.pendingRole}` : null,
          m.mustChangePassword ? "Einmalpasswort" : null,
          m.disabled ? "gesperrt" : null,
        ]
          .filter(Boolean)
          .join(", ");
        console.log(
          `${m.workspace}\t${m.email}\t${m.displayName}\t${m.role} (${ROLE_TEXT[m.role]})${flags ? `\t${flags}` : ""}`,
        );
      }
      if (members.length === 0) console.log("Keine Konten.");
      return 0;
    }
    case "set-role": {
      const email = need("email");
      const role = need("role");
      await operate(config, "user.set-role", { email, role, workspace: values.workspace });
      console.log(`Rolle von ${email.trim().toLowerCase()} ist jetzt ${role}.`);
      return 0;
    }
    case "reset-password": {
      const email = need("email");
      const { oneTimePassword: password } = await operate(config, "user.reset-password", {
        email,
      });
      console.log(`Neues Einmalpasswort für ${email.trim().toLowerCase()} (nur jetzt sichtbar):`);
      console.log(password);
      return 0;
    }
    case "disable":
    case "enable": {
      const email = need("email");
      const active = sub === "enable";
      await operate(config, "user.set-active", { email, active });
      console.log(
        `Konto ${email.trim().toLowerCase()} ist ${active ? "wieder freigegeben" : "gesperrt; seine Sitzungen sind beendet"}.`,
      );
      return 0;
    }
    case "installation-admin": {
      const email = need("email");
      const on = values.remove !== true;
      await operate(config, "user.installation-admin", { email, on });
      console.log(
        `${email.trim().toLowerCase()} gehört ${on ? "jetzt" : "nicht mehr"} zur Installationsverwaltung.`,
      );
      return 0;
    }
    default:
      throw new UsageError(
        "user kennt add, list, set-role, reset-password, disable, enable und installation-admin.",
      );
  }
}
