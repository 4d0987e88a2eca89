import type { EditorContext } from "@/lib/domain/playbook-editor";
import type { NodeData } from "@/lib/schemas/playbooks";
import type { DatapathOption } from "../model/datapath-options";

export interface FormProps<T extends NodeData["type"]> {
  block: Extract<NodeData, { type: T }>;
  set: (b: NodeData) => void;
  options: DatapathOption[];
  ctx: EditorContext;
}
