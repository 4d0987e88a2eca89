"use client";
// The console's one modal form dialog (Radix: focus trapped inside, Escape or the overlay closes
// it, focus returns to what opened it), open from the moment it is rendered.
import { Dialog } from "radix-ui";
import type { ReactNode } from "react";
import { Button } from "./button";

export function FormDialog({ title, description, onClose, children }: { title: string; description: ReactNode; onClose: () => void; children: ReactNode }) {
  return (
    <Dialog.Root open onOpenChange={(open) => open || onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-1 break-all text-sm text-slate-600 dark:text-slate-300">{description}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Cancel (closes the dialog) and the submit button, right-aligned at the foot of the form. */
export function DialogButtons({ submit, disabled }: { submit: string; disabled?: boolean }) {
  return (
    <div className="flex justify-end gap-2">
      <Dialog.Close asChild><Button type="button" variant="secondary">Cancel</Button></Dialog.Close>
      <Button type="submit" disabled={disabled}>{submit}</Button>
    </div>
  );
}
