// The canvas's node types: one component per block type (filter and decision share the branching one).
import type { NodeTypes } from "@xyflow/react";
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

export const NODE_TYPES: NodeTypes = {
  start: StartNode, end: EndNode, action: ActionNode, filter: ConditionNode, decision: ConditionNode, format: FormatNode,
  prompt: PromptNode, code: CodeNode, utility: UtilityNode, custom_function: CustomFunctionNode, playbook: PlaybookNode,
};
