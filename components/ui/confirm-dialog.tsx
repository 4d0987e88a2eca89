"use client";
// The one confirmation every destructive action in the console asks for: a Radix alert dialog
// (role=alertdialog, focus trapped inside, Escape or Cancel backs out, focus returns to what
// opened it). Cancel has the initial focus so a stray Enter never destroys anything.
import { AlertDialog } from "radix-ui";
import { useRef, type ReactElement, type ReactNode } from "react";
import { Button } from "./button";

export interface ConfirmProps {
  /** "Revoke token SIEM forwarder?" */
  title: string;
  /** What will happen, in the user's words. */
  description: ReactNode;
  /** Names the action: "Revoke token", never "OK". */
  confirmLabel: string;
  onConfirm: () => void;
  /** The button that opens the dialog; without one, pass `open` and `onOpenChange`. */
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Extra fields (e.g. a new password) between the description and the buttons. */
  children?: ReactNode;
  /** Keeps the confirm button disabled, e.g. until a required field is filled. */
  disabled?: boolean;
  variant?: "danger" | "primary";
}

export function ConfirmDialog({ title, description, confirmLabel, onConfirm, trigger, open, onOpenChange, children, disabled, variant = "danger" }: ConfirmProps) {
  // Opened from code (a form's submit), there is no trigger for Radix to return focus to.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <AlertDialog.Content
          onOpenAutoFocus={() => { opener.current = document.activeElement as HTMLElement | null; }}
          onCloseAutoFocus={(e) => {
            if (trigger || !opener.current?.isConnected) return;
            e.preventDefault();
            opener.current.focus();
            opener.current = null;
          }}
          className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg border border-slate-200 bg-white p-5 shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          <AlertDialog.Title className="text-base font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 text-sm text-slate-600 dark:text-slate-300">{description}</div>
          </AlertDialog.Description>
          {children && <div className="mt-3">{children}</div>}
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={variant} disabled={disabled} onClick={onConfirm}>{confirmLabel}</Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
