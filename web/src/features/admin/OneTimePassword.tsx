/**
 * A one-time password, shown once: for whom, the password itself, the hint to hand it over
 * personally, and a button that hides it. The page keeps it nowhere else, so once hidden (or
 * after a reload) it is gone; a new one takes a new reset.
 */
import { useEffect, useRef } from "react";
import type { Role } from "@core/access/roles.ts";
import { useI18n } from "../../lib/i18n.tsx";

export interface ShownPassword {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  /** A role requested for a new account, with the role it holds until confirmed. */
  readonly pending?: { readonly role: Role; readonly current: Role } | undefined;
}

export function OneTimePassword({
  id,
  shown,
  onHide,
  focus = true,
}: {
  readonly id: string;
  readonly shown: ShownPassword;
  readonly onHide: () => void;
  /** False where something shown with it (an invitation's link) takes the focus instead. */
  readonly focus?: boolean;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  // Whoever created or reset the account reads the password next: it takes the focus.
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [shown, focus]);
  return (
    <section className="one-time-password" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t("admin.otpTitle", { name: shown.name, email: shown.email })}
      </h4>
      <p>
        <code className="otp" data-testid="one-time-password">
          {shown.password}
        </code>
      </p>
      <p>{t("admin.otpText")}</p>
      {shown.pending && (
        <p>
          {t("admin.otpPending", {
            role: t(`role.${shown.pending.role}`),
            current: t(`role.${shown.pending.current}`),
          })}
        </p>
      )}
      <button type="button" className="secondary" onClick={onHide}>
        {t("admin.otpHide")}
      </button>
    </section>
  );
}
