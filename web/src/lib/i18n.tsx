/**
 * The translation machinery: the language, `t` with its parameters, and the locale for numbers
 * and dates. The texts themselves live beside their users (web/src/lib/messages.ts for the shared
 * ones, features/<feature>/messages.ts for each feature); web/src/app/modules.ts assembles them.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

/**
 * Every key of the interface texts. Each messages.ts registers its keys by merging into this
 * interface (`declare module`), so `t` checks every key while this file imports no feature.
 */
export interface Messages {}

export type MessageKey = keyof Messages;

/** One language's texts: every key, German or English. */
export type Catalogue = Readonly<Record<MessageKey, string>>;

export type Language = "de" | "en";
export type Catalogues = Readonly<Record<Language, Catalogue>>;
const LOCALES: Record<Language, string> = { de: "de-DE", en: "en-GB" };

export interface I18n {
  readonly language: Language;
  readonly locale: string;
  t(key: MessageKey, params?: Readonly<Record<string, string>>): string;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem("sopla.language");
  return stored === "en" ? "en" : "de";
}

/**
 * Offers `t` and the language to the pages. The catalogues come from the app (shared texts and
 * each module's own), so this machinery knows no feature.
 */
export function I18nProvider({
  catalogues,
  children,
}: {
  readonly catalogues: Catalogues;
  readonly children: ReactNode;
}) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(
    () => ({
      language,
      locale: LOCALES[language],
      t: (key, params) =>
        Object.entries(params ?? {}).reduce(
          (text, [name, v]) => text.replaceAll(`{${name}}`, v),
          catalogues[language][key],
        ),
      setLanguage: (next) => {
        globalThis.localStorage?.setItem("sopla.language", next);
        document.documentElement.lang = next;
        setLanguageState(next);
      },
    }),
    [catalogues, language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n outside I18nProvider");
  return i18n;
}
