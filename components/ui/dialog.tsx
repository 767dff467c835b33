"use client";

import { createContext, useCallback, useContext, useId, useRef, type ReactNode } from "react";
import { Button, type TButtonStyle } from "./button";

const CloseDialog = createContext<() => void>(() => {});

/** Closes the dialog a control sits in (for forms inside a Dialog that close themselves on success). */
export function useCloseDialog(): () => void {
  return useContext(CloseDialog);
}

/**
 * A button that opens a modal native <dialog>: focus moves into it and back, Escape and a click on the
 * backdrop close it. Children are the body (use useCloseDialog() to close from inside).
 */
export function Dialog({
  trigger,
  title,
  description,
  children,
}: {
  trigger: { label: ReactNode; ariaLabel?: string } & TButtonStyle;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const close = useCallback(() => ref.current?.close(), []);
  return (
    <>
      <Button variant={trigger.variant} size={trigger.size} aria-label={trigger.ariaLabel} aria-haspopup="dialog" onClick={() => ref.current?.showModal()}>
        {trigger.label}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-desc` : undefined}
        onClick={(event) => {
          if (event.target === ref.current) close();
        }}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-zinc-200 bg-white p-0 text-left text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 backdrop:backdrop-blur-[2px] dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="p-5 sm:p-6">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          {description ? (
            <div id={`${id}-desc`} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              {description}
            </div>
          ) : null}
          <CloseDialog.Provider value={close}>
            <div className="mt-5">{children}</div>
          </CloseDialog.Provider>
        </div>
      </dialog>
    </>
  );
}
