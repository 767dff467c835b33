/** The form-level message of a failed action (field errors show next to their fields). */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300">
      {message}
    </p>
  );
}

/**
 * The message FormError should show for a failed action: none when every problem is already shown next to
 * one of the form's fields (`shownFields`), the action's message otherwise.
 */
export function formLevelMessage(
  error: { message: string; fieldErrors?: Record<string, string[]> } | null | undefined,
  shownFields: string[],
): string | null {
  if (!error) return null;
  const keys = Object.keys(error.fieldErrors ?? {});
  return keys.length && keys.every((key) => shownFields.includes(key)) ? null : error.message;
}
