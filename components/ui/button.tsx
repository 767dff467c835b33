import Link from "next/link";
import type { ComponentProps } from "react";
import { focusRing } from "./styles";

const variants = {
  primary: "bg-indigo-600 text-white shadow-sm hover:bg-indigo-500 dark:bg-indigo-600 dark:hover:bg-indigo-700",
  secondary:
    "border border-zinc-300 bg-white text-zinc-900 shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800",
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-500",
  ghost: "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
};
const sizes = { sm: "px-2.5 py-1.5 text-xs", md: "px-3.5 py-2 text-sm" };

export type TButtonStyle = { variant?: keyof typeof variants; size?: keyof typeof sizes };

export function buttonClass({ variant = "primary", size = "md" }: TButtonStyle = {}): string {
  return `inline-flex items-center justify-center gap-1.5 rounded-lg font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${focusRing} ${variants[variant]} ${sizes[size]}`;
}

export function Button({ variant, size, className = "", type = "button", ...props }: ComponentProps<"button"> & TButtonStyle) {
  return <button type={type} className={`${buttonClass({ variant, size })} ${className}`} {...props} />;
}

export function ButtonLink({ variant, size, className = "", ...props }: ComponentProps<typeof Link> & TButtonStyle) {
  return <Link className={`${buttonClass({ variant, size })} ${className}`} {...props} />;
}
