import { Link } from "react-router";
import { useI18n, type MessageKey } from "../lib/i18n.tsx";

/** The place of a module that is not built yet: it says so, and where the data are now. */
export function ComingSoon({ nameKey }: { readonly nameKey: MessageKey }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t(nameKey)}</h1>
      <h2>{t("modules.soonTitle")}</h2>
      <p>{t("modules.soonText", { name: t(nameKey) })}</p>
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </>
  );
}
