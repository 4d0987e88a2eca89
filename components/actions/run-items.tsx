"use client";
// The "Run action" entries of a CEF value's menu: the actions whose parameter `contains` one of
// the value's types. Choosing one opens the run dialog with the value in that parameter.
import { DropdownMenu } from "radix-ui";
import { choiceOf, useRunActions } from "./run-context";

export function RunActionItems({ value, contains, className }: { value: string; contains: string[]; className: string }) {
  const run = useRunActions();
  if (!run?.canRun) return null;
  const matches = run.matching(contains);
  if (!matches.length) return <DropdownMenu.Item disabled className={className}>No actions for {contains.length ? contains.join(", ") : "this value"}</DropdownMenu.Item>;
  return (
    <>
      <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
      <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-500 dark:text-slate-400">Run action</DropdownMenu.Label>
      {matches.map(({ action }) => (
        <DropdownMenu.Item key={choiceOf(action)} className={className} onSelect={() => run.open({ value, types: contains, choice: choiceOf(action) })}>
          {action.action} <span className="text-slate-500 dark:text-slate-400">({action.appName})</span>…
        </DropdownMenu.Item>
      ))}
    </>
  );
}
