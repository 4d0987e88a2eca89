// The canvas's node types: one component per block type (filter and decision share the branching one).
// Each is memoized: while one block is dragged ReactFlow hands the others the same props, and
// with 200 blocks re-rendering all of them on every frame is what made dragging stutter.
import type { NodeTypes } from "@xyflow/react";
import { memo } from "react";
import { ActionNode } from "./action-node";
import { CodeNode } from "./code-node";
import { ConditionNode } from "./condition-node";
import { CustomFunctionNode } from "./custom-function-node";
import { EndNode } from "./end-node";
import { FormatNode } from "./format-node";
import { PlaybookNode } from "./playbook-node";
import { PromptNode } from "./prompt-node";
import { StartNode } from "./start-node";
import { UtilityNode } from "./utility-node";

const Condition = memo(ConditionNode);

export const NODE_TYPES: NodeTypes = {
  start: memo(StartNode), end: memo(EndNode), action: memo(ActionNode), filter: Condition, decision: Condition, format: memo(FormatNode),
  prompt: memo(PromptNode), code: memo(CodeNode), utility: memo(UtilityNode), custom_function: memo(CustomFunctionNode), playbook: memo(PlaybookNode),
};
