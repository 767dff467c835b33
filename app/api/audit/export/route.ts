// The caller's whole audit trail as JSON lines (oldest first), for a session or a personal access token.
import { NextResponse } from "next/server";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { auditJsonLines } from "@/lib/services/audit/audit.service";

export async function GET(request: Request): Promise<Response> {
  const actor = await actorFromRequest(request.headers);
  if (actor.kind !== "user") return NextResponse.json({ error: { code: "unauthorized", message: "Sign in, or send a personal access token." } }, { status: 401 });
  const lines = auditJsonLines(actor);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": 'attachment; filename="vaultline-audit.jsonl"', "cache-control": "no-store" },
  });
}
