import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

type FieldProps = {
  label: string;
  name: string;
  errors?: string[] | undefined;
  hint?: ReactNode;
};

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 aria-[invalid=true]:border-red-400";

/** The control's id and the ARIA attributes that tie it to its error (or, without one, its hint). */
function controlAttributes({ name, errors, hint }: FieldProps, id: string | undefined) {
  const controlId = id ?? `field-${name}`;
  return {
    id: controlId,
    name,
    className: inputClass,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": errors?.length ? `${controlId}-error` : hint ? `${controlId}-hint` : undefined,
  } as const;
}

/** A label above the control, and below it the errors or else the hint. */
function FieldFrame({ id, label, errors, hint, children }: Omit<FieldProps, "name"> & { id: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {errors.join(" ")}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, name, errors, hint, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const control = controlAttributes({ label, name, errors, hint }, props.id);
  return (
    <FieldFrame id={control.id} label={label} errors={errors} hint={hint}>
      <input {...control} {...props} />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  children,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const control = controlAttributes({ label, name, errors, hint }, props.id);
  return (
    <FieldFrame id={control.id} label={label} errors={errors} hint={hint}>
      <select {...control} {...props}>
        {children}
      </select>
    </FieldFrame>
  );
}
