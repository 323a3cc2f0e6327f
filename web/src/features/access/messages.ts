/**
 * The login and password pages' interface texts, German first, English second (same keys; web/src/app/modules.ts hands them to
 * the i18n provider, and the declaration at the end registers the keys for `t`).
 */
export const loginDe = {
  "login.title": "Anmelden",
  "login.email": "E-Mail-Adresse",
  "login.password": "Passwort",
  "login.submit": "Anmelden",
  "login.busy": "Anmeldung läuft …",
  "login.public": "Veröffentlichte Kennzahlen ohne Anmeldung",
  "login.openData": "Offene Daten",
  "password.title": "Eigenes Passwort festlegen",
  "password.intro":
    "Sie haben sich mit einem Einmalpasswort angemeldet. Bitte legen Sie jetzt ein eigenes Passwort fest (mindestens 12 Zeichen).",
  "password.current": "Einmalpasswort",
  "password.new": "Neues Passwort",
  "password.submit": "Passwort speichern",
  "login.missingBoth": "Bitte E-Mail-Adresse und Passwort eingeben.",
  "login.missingEmail": "Bitte die E-Mail-Adresse eingeben.",
  "login.missingPassword": "Bitte das Passwort eingeben.",
  "password.missingCurrent": "Bitte das Einmalpasswort eingeben.",
  "password.missingNew": "Bitte ein neues Passwort eingeben (mindestens 12 Zeichen).",
  "password.missingBoth": "Bitte Einmalpasswort und neues Passwort eingeben.",
};

export const loginEn: Record<keyof typeof loginDe, string> = {
  "login.title": "Log in",
  "login.email": "E-mail address",
  "login.password": "Password",
  "login.submit": "Log in",
  "login.busy": "Logging in …",
  "login.public": "Published key figures without login",
  "login.openData": "Open data",
  "password.title": "Choose your own password",
  "password.intro":
    "You logged in with a one-time password. Please choose your own password now (at least 12 characters).",
  "password.current": "One-time password",
  "password.new": "New password",
  "password.submit": "Save password",
  "login.missingBoth": "Please enter your e-mail address and password.",
  "login.missingEmail": "Please enter your e-mail address.",
  "login.missingPassword": "Please enter your password.",
  "password.missingCurrent": "Please enter the one-time password.",
  "password.missingNew": "Please enter a new password (at least 12 characters).",
  "password.missingBoth": "Please enter the one-time password and a new password.",
};

declare module "../../lib/i18n.tsx" {
  interface Messages extends Record<keyof typeof loginDe, string> {}
}
