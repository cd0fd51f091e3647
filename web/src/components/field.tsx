import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';

interface FieldProps {
  /** The control's id, which the label points at. */
  readonly id: string;
  readonly label: ReactNode;
  /** A hint under the control; the control names it in aria-describedby. */
  readonly hint?: ReactNode;
  /** The hint's id, `<id>-help` unless said. */
  readonly hintId?: string;
}

/** The hint's id when there is a hint, for the control's aria-describedby. */
function hintOf({ id, hint, hintId }: FieldProps): string | undefined {
  return hint ? (hintId ?? `${id}-help`) : undefined;
}

/** A labelled control in a `.field` box, with its hint (if any) below it. */
export function Field(props: FieldProps & { readonly children: ReactNode }) {
  const { id, label, hint, children } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={hintOf(props)} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

type Controlled<E, V = string> = FieldProps & {
  readonly value: V;
  readonly onChange: (value: V) => void;
} & Omit<E, 'id' | 'value' | 'onChange'>;

/** A labelled `<input>` (text, email, password, number…) whose onChange gets the new value. */
export function TextField(props: Controlled<InputHTMLAttributes<HTMLInputElement>>) {
  const { id, label, hint, hintId, value, onChange, ...input } = props;
  return (
    <Field id={id} label={label} hint={hint} hintId={hintId}>
      <input
        {...input}
        id={id}
        value={value}
        aria-describedby={hintOf(props)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

/** A labelled `<textarea>` whose onChange gets the new text. */
export function TextAreaField(props: Controlled<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { id, label, hint, hintId, value, onChange, ...textarea } = props;
  return (
    <Field id={id} label={label} hint={hint} hintId={hintId}>
      <textarea
        {...textarea}
        id={id}
        value={value}
        aria-describedby={hintOf(props)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

type SelectFieldProps<V extends string> = Controlled<SelectHTMLAttributes<HTMLSelectElement>, V> & {
  /** The choices, as [value, label] pairs, in order. */
  readonly options: readonly (readonly [V, ReactNode])[];
};

/** A labelled `<select>` over a fixed list of values. */
export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const { id, label, hint, hintId, value, onChange, options, ...select } = props;
  return (
    <Field id={id} label={label} hint={hint} hintId={hintId}>
      <select
        {...select}
        id={id}
        value={value}
        aria-describedby={hintOf(props)}
        onChange={(event) => onChange(event.target.value as V)}
      >
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

type CheckFieldProps = {
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'checked' | 'onChange'>;

/** A checkbox inside its own `.check` label. */
export function CheckField({ label, checked, onChange, ...input }: CheckFieldProps) {
  return (
    <label className="check">
      <input
        {...input}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}

/** A group of fields under its legend, with a line of help before them. */
export function FieldGroup(props: { legend: ReactNode; help?: ReactNode; children?: ReactNode }) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.help && <p className="hint">{props.help}</p>}
      {props.children}
    </fieldset>
  );
}
