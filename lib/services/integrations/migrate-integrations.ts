// The one-time move of data written before integrations: each custom tool that held its own credential
// fields gets a one-tool integration with them (its _id is the tool's, "<ownerId>:<slug>"), and each
// credential gets the integration of the tool it was made for. No credential is re-entered: the values
// and their ciphertexts stay as they are, and every binding (one per budget and tool) keeps working as a
// tool's own binding. Built-in tools get their integrations from the catalog seed, which runs first.
// Idempotent and restartable (each step only touches records still in the old shape); once done it is
// recorded, so later starts read one _id and scan nothing.
import { Migration } from "@/models/migration";
import { Tool } from "@/models/tool";
import { Credential } from "@/models/credential";
import { Integration } from "@/models/integration";
import type { TCredentialField } from "@/models/tool";
import { logger } from "@/lib/log/logger";

const NAME = "2026-12-integrations";

/** A tool or credential as the database may still hold it from before integrations. */
type TLegacyTool = { _id: string; slug: string; name: string; ownerId: unknown; credentialFields?: TCredentialField[]; integrationId?: string };
type TLegacyCredential = { _id: unknown; toolId?: string | null; integrationId?: string };

export async function migrateToIntegrations(): Promise<void> {
  if (await Migration.exists({ _id: NAME })) return;
  const tools = await Tool.find({ integrationId: { $exists: false } }).lean<TLegacyTool[]>();
  for (const tool of tools) {
    // Fields stored by an older validation are kept as they are (a pattern RE2 refuses is reported when used).
    const fields = tool.credentialFields ?? [];
    const integration = { slug: tool.slug, name: tool.name, description: "", authKind: fields.length ? "static" : "none", credentialFields: fields, oauth: null, verify: null };
    await Integration.updateOne({ _id: tool._id }, { $setOnInsert: { ...integration, ownerId: tool.ownerId } }, { upsert: true });
    // strict: false, so that the tool's own credentialFields (no longer in its schema) are dropped.
    await Tool.updateOne({ _id: tool._id }, { $set: { integrationId: tool._id }, $unset: { credentialFields: 1 } }, { strict: false });
  }
  const credentials = await Credential.find({ integrationId: { $exists: false } }).lean<TLegacyCredential[]>();
  const integrationOf = new Map<string, { _id: string; slug: string } | null>();
  for (const credential of credentials) {
    const toolId = credential.toolId ?? "";
    if (!integrationOf.has(toolId)) {
      const tool = await Tool.findById(toolId).lean<{ integrationId: string }>();
      integrationOf.set(toolId, tool ? await Integration.findById(tool.integrationId, { slug: 1 }).lean<{ _id: string; slug: string }>() : null);
    }
    const integration = integrationOf.get(toolId);
    if (!integration) {
      logger.warn({ credentialId: String(credential._id) }, "a credential's tool no longer exists; it stays unusable, as before");
      continue;
    }
    await Credential.updateOne({ _id: credential._id }, { $set: { integrationId: integration._id, integrationSlug: integration.slug } });
  }
  await Migration.updateOne({ _id: NAME }, { $set: { doneAt: new Date() } }, { upsert: true });
  if (tools.length || credentials.length) logger.info({ tools: tools.length, credentials: credentials.length }, "moved tools and credentials to integrations");
}
