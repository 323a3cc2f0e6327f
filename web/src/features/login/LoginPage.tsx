/** Login, and the first-login step that replaces a one-time password with the user's own. */
import { useState, type FormEvent } from "react";
import { useI18n } from "../../lib/i18n.tsx";
import { useSessionActions } from "../../lib/session.tsx";

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSessionActions();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await login(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <p>
        <strong>{t("app.name")}</strong> – {t("app.tagline")}
      </p>
      <h1>{t("login.title")}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="email">{t("login.email")}</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {busy ? t("login.busy") : t("login.submit")}
        </button>
      </form>
      <p>
        <a href="/kennzahlen">{t("login.public")}</a> · <a href="/open">{t("login.openData")}</a>
      </p>
    </main>
  );
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  const { changePassword } = useSessionActions();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await changePassword(String(form.get("current") ?? ""), String(form.get("next") ?? ""));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>{t("password.title")}</h1>
      <p>{t("password.intro")}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="current">{t("password.current")}</label>
          <input id="current" name="current" type="password" autoComplete="current-password" />
        </div>
        <div className="field">
          <label htmlFor="next">{t("password.new")}</label>
          <input id="next" name="next" type="password" autoComplete="new-password" />
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {t("password.submit")}
        </button>
      </form>
    </main>
  );
}
