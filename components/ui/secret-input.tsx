"use client";

import { useState, type ComponentProps } from "react";
import { inputClass, focusRing } from "./styles";

/**
 * A password input with a show/hide toggle, for typing a secret (saved secrets are never sent back).
 * autoComplete is "off" unless the caller says otherwise (sign-up asks for "new-password").
 */
export function SecretInput(props: Omit<ComponentProps<"input">, "type">) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <input autoComplete="off" {...props} type={visible ? "text" : "password"} spellCheck={false} className={`${inputClass} pr-16 font-mono`} />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        aria-pressed={visible}
        aria-label={visible ? `Hide ${props["aria-label"] ?? "value"}` : `Show ${props["aria-label"] ?? "value"}`}
        className={`absolute inset-y-1 right-1 rounded-md px-2 text-xs font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800 ${focusRing}`}
      >
        {visible ? "Hide" : "Show"}
      </button>
    </div>
  );
}
