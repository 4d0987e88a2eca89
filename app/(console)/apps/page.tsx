import type { Metadata } from "next";
import { Coming } from "@/components/ui/coming";
import { requirePage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Apps & Assets" };

export default async function Page() {
  await requirePage("apps.read");
  return (
    <Coming
      title="Apps & Assets"
      description="Integrations, their configured assets and actions."
      what={[
        "Apps with typed actions",
        "Assets with encrypted credentials and owners",
      ]}
    />
  );
}
