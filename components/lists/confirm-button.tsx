"use client";
// A destructive button on the lists pages that asks first, through the console's one
// confirmation dialog.
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function ConfirmButton({
  label, title, description, confirm, onConfirm, disabled, size = "md",
}: {
  label: ReactNode; title: string; description: string; confirm: string; onConfirm: () => void; disabled?: boolean; size?: "sm" | "md";
}) {
  const trigger = (
    <Button variant={size === "sm" ? "ghost" : "danger"} disabled={disabled} className={size === "sm" ? "px-2 py-0.5 text-xs text-red-700! dark:text-red-400!" : ""}>
      {label}
    </Button>
  );
  return <ConfirmDialog trigger={trigger} title={title} description={description} confirmLabel={confirm} onConfirm={onConfirm} />;
}
