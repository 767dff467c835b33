// Credential health: an integration may declare a cheap request (e.g. OpenAI GET /v1/models) that says
// whether its vendor accepts a credential. Run when a credential is saved (and on demand: "Test"); the
// outcome is stored on the credential and said plainly; a credential is saved whatever the outcome.
// The request is injected exactly as the integration's first tool injects (templates are per tool) and
// sent like a vendor call (address policy, deadline); the secrets are decrypted for it and never logged.
import { Credential } from "@/models/credential";
import { env } from "@/lib/env";
import { decryptSecret } from "@/lib/crypto/field-encryption";
import { requireUser, type TActor } from "@/lib/services/actor";
import { getCredential, integrationOfCredential, type TCredentialRecord } from "@/lib/services/credentials/credentials.service";
import { listToolsOfIntegration } from "@/lib/services/tools/tools.service";
import { buildOutboundRequest, prepareOutbound } from "@/lib/services/invoke/outbound-request";
import { SIDE_POOLS } from "@/lib/services/invoke/side-pools";
import { callVendor } from "@/lib/services/invoke/vendor-client";
import { clearCredentialRejected } from "@/lib/services/warnings/warnings.service";

export type TVerification = { outcome: "accepted" | "rejected" | "unreachable" | "unexpected" | "not_checked"; status: number | null; checkedAt: Date };

const VERIFY_TIMEOUT_MS = 5_000;

/** Runs the integration's verify request with the credential, stores and returns the outcome. */
export async function verifyCredential(actor: TActor, credentialId: string): Promise<TVerification> {
  const { ownerId } = requireUser(actor);
  const credential = await getCredential(actor, credentialId);
  const integration = await integrationOfCredential(credential);
  const [tool] = await listToolsOfIntegration(actor, integration._id);
  const checkedAt = new Date();
  if (!integration.verify || integration.authKind !== "static" || !tool) return { outcome: "not_checked", status: null, checkedAt };
  const values = await plainValues(credential);
  const template = prepareOutbound({ method: integration.verify.method, url: integration.verify.url }, tool.injection, values);
  const config = env();
  const response = await new Promise<{ status: number | null; reached: boolean }>((resolve) =>
    callVendor(
      buildOutboundRequest(template, {}),
      { timeoutMs: Math.min(VERIFY_TIMEOUT_MS, config.VAULTLINE_VENDOR_TIMEOUT_MS), maxBytes: 64 * 1024, allowPrivate: config.VAULTLINE_ALLOW_PRIVATE_HOSTS },
      SIDE_POOLS,
      (error, answer) => resolve(error || !answer ? { status: null, reached: false } : { status: answer.status, reached: true }),
    ),
  );
  const outcome: TVerification["outcome"] = !response.reached
    ? "unreachable"
    : response.status! >= 200 && response.status! < 300
      ? "accepted"
      : response.status === 401 || response.status === 403
        ? "rejected"
        : "unexpected";
  const verification = { outcome, status: response.status, checkedAt };
  // Not announced (a counter-like field): what a call plan holds does not change.
  await Credential.updateOne({ _id: credential._id, ownerId }, { $set: { verification } }, { timestamps: false });
  if (outcome === "accepted") await clearCredentialRejected(ownerId, credential._id);
  return verification;
}

async function plainValues(credential: TCredentialRecord): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const field of credential.fields) {
    if (field.cipher) values[field.key] = await decryptSecret(field.cipher);
    else if (field.value) values[field.key] = field.value;
  }
  return values;
}
