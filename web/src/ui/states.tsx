/** Loading, empty and error states, the same on every page; announced to screen readers. */
import type { ReactNode } from "react";
import { ApiError } from "../lib/api.ts";
import { useI18n } from "../lib/i18n.tsx";

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="state">
      {t("state.loading")}
    </p>
  );
}

export function Empty({ children }: { readonly children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="state">{children ?? t("state.empty")}</p>;
}

export function ErrorState({
  error,
  retry,
}: {
  readonly error: unknown;
  readonly retry?: () => void;
}) {
  const { t } = useI18n();
  const message = error instanceof Error ? error.message : String(error);
  // Nothing there (no such indicator, no periods with data yet) is not a failure: an empty
  // state with the server's reason, not "Das hat nicht geklappt".
  if (error instanceof ApiError && error.status === 404) {
    return (
      <p role="status" className="state">
        {t("state.nothing")} {message}
      </p>
    );
  }
  return (
    <div role="alert" className="state state-error">
      <p>
        {t("state.error")} {message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          {t("state.retry")}
        </button>
      )}
    </div>
  );
}
