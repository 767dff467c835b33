"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { ZToolForm, definitionWithCost } from "@/lib/actions/tools/tool-form-data";
import { createTool } from "@/lib/services/tools/tools.service";

/**
 * Defines a custom tool for the signed-in user. The service validates the definition (ZToolDefinition)
 * and answers field errors keyed by its path ("injection.1.template"). On success the browser goes to
 * the catalog, which points at the new tool.
 */
export async function createToolAction(_previous: unknown, form: FormData): Promise<TActionResult<{ slug: string }>> {
  const result = await runAction(form, ZToolForm, async (actor, data) => {
    const tool = await createTool(actor, definitionWithCost(data));
    return { slug: tool.slug };
  });
  if (!result.ok) return result;
  revalidatePath("/tools");
  redirect(`/tools?created=${encodeURIComponent(result.slug)}`);
}
