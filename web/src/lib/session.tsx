/**
 * Who is logged in, and which workspace they are looking at. The session comes from
 * `GET /api/session` (null when logged out); the chosen workspace is remembered per browser.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import type { SessionDto } from "@contracts/access.ts";
import { ApiError, api, setCsrfToken } from "./api.ts";

export type Session = SessionDto;
export type Membership = Session["memberships"][number];

export function useSessionQuery() {
  return useQuery({
    queryKey: ["session"],
    queryFn: async (): Promise<Session | null> => {
      try {
        const s = await api<Session>("/api/session");
        setCsrfToken(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useSessionActions() {
  const client = useQueryClient();
  return {
    async login(email: string, password: string): Promise<Session> {
      const s = await api<Session>("/api/session", { method: "POST", body: { email, password } });
      setCsrfToken(s.csrfToken);
      client.setQueryData(["session"], s);
      return s;
    },
    async logout(): Promise<void> {
      await api<void>("/api/session", { method: "DELETE" });
      setCsrfToken(null);
      // Forget every answer of the old session; the session query itself stays observed.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== "session" });
      client.setQueryData(["session"], null);
    },
    async changePassword(currentPassword: string, newPassword: string): Promise<void> {
      await api<void>("/api/session/password", {
        method: "POST",
        body: { currentPassword, newPassword },
      });
      await client.invalidateQueries({ queryKey: ["session"] });
    },
  };
}

interface WorkspaceChoice {
  readonly membership: Membership;
  readonly memberships: readonly Membership[];
  choose(slug: string): void;
}

const WorkspaceContext = createContext<WorkspaceChoice | null>(null);

export function WorkspaceProvider({
  session,
  children,
}: {
  readonly session: Session;
  readonly children: ReactNode;
}) {
  const [slug, setSlug] = useState(() => globalThis.localStorage?.getItem("sopla.workspace"));
  const value = useMemo<WorkspaceChoice>(() => {
    const membership =
      session.memberships.find((m) => m.workspace === slug) ?? session.memberships[0]!;
    return {
      membership,
      memberships: session.memberships,
      choose: (next) => {
        globalThis.localStorage?.setItem("sopla.workspace", next);
        setSlug(next);
      },
    };
  }, [session, slug]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceChoice {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error("useWorkspace outside WorkspaceProvider");
  return w;
}
