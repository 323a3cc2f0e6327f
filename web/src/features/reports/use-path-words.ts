/** The words for the parts of a template path, in the interface's language. */
import { useMemo } from "react";
import { useI18n } from "../../lib/i18n.tsx";
import type { PathWords } from "./report-format.ts";

export function usePathWords(): PathWords {
  const { t } = useI18n();
  return useMemo(
    () => ({
      chapter: t("reports.editor.chapter"),
      section: t("reports.editor.section"),
      block: t("reports.editor.block"),
      template: t("reports.editor.template"),
    }),
    [t],
  );
}
