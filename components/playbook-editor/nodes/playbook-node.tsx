"use client";
import type { NodeProps } from "@xyflow/react";
import type { BlockNode } from "../model/convert";
import { BlockShell } from "./block-shell";

export function PlaybookNode({ id, data, selected }: NodeProps<BlockNode>) {
  return <BlockShell id={id} block={data.block} selected={selected}  />;
}
