import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { fieldErrors, fieldId, type Problem } from "@/api/problem";

interface Common {
  /** The JSON path the API names this field by in `errors` (also its DOM id). */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  problem?: Problem | null | undefined;
  /** Extra paths whose errors belong to this field (e.g. `venue` for the venue's name). */
  alsoFor?: string[];
}

function Frame({ name, label, hint, problem, alsoFor = [], children }: Common & { children: (props: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode }) {
  const id = fieldId(name);
  const errors = [name, ...alsoFor].flatMap((path) => fieldErrors(problem, path));
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${errors.length ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p className="field-error" id={errorId}>
          {errors.map((message) => (
            <span key={message}>{message} </span>
          ))}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: errors.length > 0 })}
    </div>
  );
}

export function TextField({ name, label, hint, problem, alsoFor, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  return (
    <Frame name={name} label={label} hint={hint} problem={problem} alsoFor={alsoFor}>
      {({ id, describedBy, invalid }) => <input id={id} name={name} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...input} />}
    </Frame>
  );
}

export function TextArea({ name, label, hint, problem, alsoFor, ...input }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  return (
    <Frame name={name} label={label} hint={hint} problem={problem} alsoFor={alsoFor}>
      {({ id, describedBy, invalid }) => <textarea id={id} name={name} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...input} />}
    </Frame>
  );
}

export function SelectField({ name, label, hint, problem, alsoFor, children, ...input }: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  return (
    <Frame name={name} label={label} hint={hint} problem={problem} alsoFor={alsoFor}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name={name} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...input}>
          {children}
        </select>
      )}
    </Frame>
  );
}
