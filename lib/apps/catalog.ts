// The shape of the run-by-hand catalogue (lib/domain/action-catalog.ts) and the match of a CEF
// value's types to the actions that take it; pure, so the browser uses it too.

export interface CatalogParameter {
  name: string;
  data_type: "string" | "numeric" | "boolean";
  description: string;
  contains: string[];
  primary: boolean;
  required: boolean;
  default?: string | number | boolean;
  value_list?: (string | number | boolean)[];
}

export interface CatalogAction {
  /** "lookup domain" */
  action: string;
  appId: number;
  appName: string;
  description: string;
  type: string;
  parameters: CatalogParameter[];
  assets: { id: number; name: string }[];
}

/** The catalogue's actions that take a value of one of `types`, with the parameter it fills. */
export function actionsFor(catalog: CatalogAction[], types: readonly string[]): { action: CatalogAction; parameter: string }[] {
  const wanted = new Set(types);
  return catalog.flatMap((action) => {
    const fits = action.parameters.filter((p) => p.contains.some((c) => wanted.has(c)));
    const best = fits.find((p) => p.primary) ?? fits[0];
    return best ? [{ action, parameter: best.name }] : [];
  });
}
