/** A group of radio buttons that looks like a segmented switch (native keyboard behaviour). */
import { useId } from 'react';

interface Props<T extends string> {
  legend: string;
  value: T;
  options: Array<{ value: T; label: string }>;
  onChange: (value: T) => void;
  name?: string;
}

export function SegmentedControl<T extends string>({ legend, value, options, onChange, name }: Props<T>) {
  const id = useId();
  return (
    <fieldset className="segmented">
      <legend className="segmented-legend">{legend}</legend>
      <div className="segmented-options">
        {options.map((o) => (
          <label key={o.value} className={`segmented-option${o.value === value ? ' is-selected' : ''}`}>
            <input type="radio" name={name ?? id} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
