import type { Metadata } from "next";
import { WebhooksSection } from "@/components/admin/webhooks-section";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { listWebhooks } from "@/lib/domain/webhooks/webhooks";

export const metadata: Metadata = { title: "Webhooks · Administration" };

export default async function WebhooksPage() {
  await requirePage("admin.settings");
  const hooks = await listWebhooks();
  return (
    <>
      <PageHeader
        title="Inbound webhooks"
        description="Any tool that can POST JSON delivers alerts here: each one becomes an event through the same path as POST /rest/container (deduplicated by source_data_identifier)."
      />
      <WebhooksSection
        base={process.env.VIGIL_BASE_URL?.replace(/\/+$/, "") ?? null}
        hooks={hooks.map((w) => ({
          id: w.id, name: w.name, description: w.description, path: w.path, mapping: JSON.stringify(w.mapping, null, 2),
          signatureHeader: w.signatureHeader, disabled: w.disabled, received: w.received,
          lastReceivedAt: w.lastReceivedAt?.toISOString() ?? null,
        }))}
      />
    </>
  );
}
