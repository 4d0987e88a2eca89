// The theme is kept in a cookie so the server renders the right colours on the first paint.
export const THEME_COOKIE = "vigil-theme";
export type Theme = "light" | "dark";

export function parseTheme(value: string | undefined): Theme {
  return value === "dark" ? "dark" : "light";
}
