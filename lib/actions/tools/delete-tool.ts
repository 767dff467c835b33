"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { deleteTool } from "@/lib/services/tools/tools.service";

const ZDeleteToolForm = z.object({ slug: z.string() });

/** Deletes a custom tool (every budget lets it go); the catalog shows the notice. */
export async function deleteToolAction(_previous: unknown, form: FormData): Promise<TActionResult<{ redirectTo: string }>> {
  const result = await runAction(form, ZDeleteToolForm, async (actor, { slug }) => {
    await deleteTool(actor, slug);
    return {};
  });
  if (!result.ok) return result;
  revalidatePath("/tools");
  revalidatePath("/budgets", "layout");
  return { ok: true, redirectTo: "/tools" };
}
