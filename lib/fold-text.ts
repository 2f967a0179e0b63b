/** Text folded for matching what people type: case and accents ignored ("Zoë" matches "zoe"). */
export function foldText(value: string | null | undefined): string {
  return (value ?? "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
