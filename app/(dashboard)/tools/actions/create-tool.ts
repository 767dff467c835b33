"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { createTool } from "@/lib/services/tools/tools.service";

/**
 * Defines a custom tool for the signed-in user. The input is the definition as the form built it; the
 * service validates it (ZToolDefinition) and answers field errors keyed by path ("injection.1.template").
 * On success the browser goes to the catalog, which points at the new tool.
 */
export async function createToolAction(input: unknown): Promise<TActionResult<{ slug: string }>> {
  const result = await runAction(async (actor) => {
    const tool = await createTool(actor, input);
    return { slug: tool.slug };
  });
  if (!result.ok) return result;
  revalidatePath("/tools");
  redirect(`/tools?created=${encodeURIComponent(result.slug)}`);
}
