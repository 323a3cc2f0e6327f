import { Link } from "react-router";
import { ROLES, type Role } from "@core/access/roles.ts";
import { useI18n, type MessageKey } from "../lib/i18n.tsx";
import { rolesOf } from "./module-access.ts";
import type { AppModule } from "./modules.ts";

/** The place of a module that is not built yet: it says so, and where the data are now. */
export function ComingSoon({
  nameKey,
  home,
}: {
  readonly nameKey: MessageKey;
  readonly home: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t(nameKey)}</h1>
      <h2>{t("modules.soonTitle")}</h2>
      <p>{t("modules.soonText", { name: t(nameKey) })}</p>
      <p>
        <Link to={home}>{t("notFound.back")}</Link>
      </p>
    </>
  );
}

/**
 * A module the member's role may not use, reached by its address (a bookmark, a shared link):
 * whom it is for, what to do, and the way to the own start page. Nothing of it is loaded.
 */
export function NotForRole({
  module,
  role,
  home,
}: {
  readonly module: AppModule;
  readonly role: Role;
  readonly home: string;
}) {
  const { t } = useI18n();
  const roles = rolesOf(module, ROLES).map((r) => t(`role.${r}`));
  return (
    <>
      <h1>{t(module.navKey)}</h1>
      <div className="notice" role="status">
        <p>
          {t("access.notForRole", { name: t(module.navKey), role: t(`role.${role}`) })}{" "}
          {t("access.forRoles", { roles: roles.join(", ") })}
        </p>
        <p>{t("access.askAdmin")}</p>
      </div>
      <p>
        <Link to={home}>{t("notFound.back")}</Link>
      </p>
    </>
  );
}

export function NotFound({ home }: { readonly home: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>
        <Link to={home}>{t("notFound.back")}</Link>
      </p>
    </>
  );
}
