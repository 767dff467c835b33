"use client";

// The one feedback pattern of the dashboard: every create, update, delete and bind that succeeds says so
// in a notice (a polite live region, so screen readers hear it too); one that fails moves focus to the
// first field it marked, or to its message. Forms get both from useNoticedAction.
import { createContext, useActionState, useCallback, useContext, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import type { TActionResult, TFormAction } from "@/lib/actions/run-action";

type TNotice = { id: number; message: string };
const NoticeContext = createContext<(message: string) => void>(() => {});

/** Holds the current notice for the whole dashboard; it survives client-side navigation (it lives in the layout). */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<TNotice | null>(null);
  const notify = useCallback((message: string) => setNotice({ id: Date.now(), message }), []);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice((current) => (current?.id === notice.id ? null : current)), 8_000);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4 sm:justify-end">
        {notice ? (
          <div className="pointer-events-auto flex max-w-md items-start gap-3 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 shadow-lg dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
            <p className="min-w-0 flex-1">{notice.message}</p>
            <button
              type="button"
              onClick={() => setNotice(null)}
              className="-my-2 -mr-2 inline-flex min-h-11 min-w-11 items-center justify-center rounded-md font-medium text-emerald-800 hover:bg-emerald-100 dark:text-emerald-200 dark:hover:bg-emerald-900"
            >
              <span aria-hidden="true">✕</span>
              <span className="sr-only">Dismiss</span>
            </button>
          </div>
        ) : null}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotify(): (message: string) => void {
  return useContext(NoticeContext);
}

/** Focus after a failure: the first field marked invalid, else the form's alert. */
export function focusFirstProblem(container: HTMLElement | null): void {
  const target = container?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? container?.querySelector<HTMLElement>('[role="alert"]');
  if (!target) return;
  if (target.getAttribute("role") === "alert" && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
}

/**
 * useActionState for a form of the dashboard, with the feedback pattern: `success` turns a successful
 * result into the notice to show (and may navigate); a failure moves focus into the form (`formRef`).
 */
export function useNoticedAction<T extends object>(
  action: TFormAction<T>,
  success: (result: { ok: true } & T) => string | null,
): [TActionResult<T> | null, (form: FormData) => void, boolean, RefObject<HTMLFormElement | null>] {
  const notify = useNotify();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(async (previous: unknown, form: FormData) => {
    const result = await action(previous, form);
    if (result.ok) {
      const message = success(result);
      if (message) notify(message);
    }
    return result;
  }, null);
  useEffect(() => {
    if (state && !state.ok) focusFirstProblem(formRef.current);
  }, [state]);
  return [state, formAction, pending, formRef];
}
