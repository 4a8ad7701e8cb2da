import { useCallback, useState } from "react";

/** Text values of a form's inputs, by name. */
export function useForm<T extends Record<string, string | boolean>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const bind = useCallback(
    <K extends keyof T>(name: K) => ({
      value: values[name] as string,
      onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    }),
    [values],
  );
  const check = useCallback(
    <K extends keyof T>(name: K) => ({
      checked: values[name] as boolean,
      onChange: (e: { target: { checked: boolean } }) => setValues((v) => ({ ...v, [name]: e.target.checked })),
    }),
    [values],
  );
  return { values, setValues, bind, check };
}

/** A whole number from an input, or undefined when empty (the API then applies its default or names the field). */
export function intOrUndefined(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") {
    return undefined;
  }
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : Number.NaN;
}
