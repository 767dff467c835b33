"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { ZToolForm, definitionWithCost } from "@/lib/actions/tools/tool-form-data";
import { updateTool } from "@/lib/services/tools/tools.service";

const ZUpdateToolForm = ZToolForm.extend({ slug: z.string() });

/** Changes a custom tool; what cannot change (slug, integration, credential fields) is not sent. */
export async function updateToolAction(_previous: unknown, form: FormData): Promise<TActionResult<{ slug: string }>> {
  const result = await runAction(form, ZUpdateToolForm, async (actor, { slug, ...data }) => {
    const { slug: _slug, integration: _integration, credentialFields: _fields, ...changes } = definitionWithCost(data);
    const tool = await updateTool(actor, slug, changes);
    return { slug: tool.slug };
  });
  if (!result.ok) return result;
  revalidatePath("/tools");
  redirect(`/tools?updated=${encodeURIComponent(result.slug)}`);
}
