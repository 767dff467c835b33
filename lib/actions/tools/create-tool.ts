"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { createTool } from "@/lib/services/tools/tools.service";

/**
 * The tool form sends its definition (rows of fields and rules, nested) as one JSON entry. A fixed
 * message when it is not JSON: the parser's own would quote the text.
 */
const ZCreateToolForm = z.object({
  definition: z.string().transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "is not a JSON tool definition" });
      return z.NEVER;
    }
  }),
});

/**
 * Defines a custom tool for the signed-in user. The service validates the definition (ZToolDefinition)
 * and answers field errors keyed by its path ("injection.1.template"). On success the browser goes to
 * the catalog, which points at the new tool.
 */
export async function createToolAction(_previous: unknown, form: FormData): Promise<TActionResult<{ slug: string }>> {
  const result = await runAction(form, ZCreateToolForm, async (actor, { definition }) => {
    const tool = await createTool(actor, definition);
    return { slug: tool.slug };
  });
  if (!result.ok) return result;
  revalidatePath("/tools");
  redirect(`/tools?created=${encodeURIComponent(result.slug)}`);
}
