import { type FormEvent, useEffect, useId, useState } from 'react';
import { ErrorText } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { type DayRange, lengthOf, MAX_DAYS, PRESETS } from './range';

interface RangePickerProps {
  readonly range: DayRange;
  readonly today: string;
  readonly onChange: (range: DayRange) => void;
}

/**
 * The Overview's range: one press for the last 7, 30 or 90 days, or two dates (both included).
 * A custom range is applied with its button, so a half-typed date never reloads the page.
 */
export function RangePicker({ range, today, onChange }: RangePickerProps) {
  const { t } = useI18n();
  const id = useId();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [problem, setProblem] = useState<string | null>(null);
  // The fields follow the range when a preset or the address changes it.
  useEffect(() => {
    setFrom(range.from);
    setTo(range.to);
    setProblem(null);
  }, [range.from, range.to]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const length = lengthOf(from, to);
    if (!(length >= 1)) return setProblem(t.overview.rangeOrder);
    if (length > MAX_DAYS) return setProblem(t.overview.rangeTooLong(MAX_DAYS));
    setProblem(null);
    onChange({ from, to, preset: null });
  };

  return (
    <div className="range-picker">
      <fieldset className="range-presets">
        <legend className="visually-hidden">{t.overview.range}</legend>
        {PRESETS.map((days) => (
          <button
            key={days}
            type="button"
            aria-pressed={range.preset === days}
            onClick={() => onChange({ from: '', to: today, preset: days })}
          >
            {t.overview.lastDays(days)}
          </button>
        ))}
      </fieldset>
      <form className="range-custom" onSubmit={apply} aria-label={t.overview.customRange}>
        <label htmlFor={`${id}-from`}>
          {t.overview.from}
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            max={today}
            required
            onChange={(event) => setFrom(event.target.value)}
          />
        </label>
        <label htmlFor={`${id}-to`}>
          {t.overview.to}
          <input
            id={`${id}-to`}
            type="date"
            value={to}
            required
            onChange={(event) => setTo(event.target.value)}
          />
        </label>
        <button type="submit">{t.overview.apply}</button>
        <ErrorText>{problem}</ErrorText>
      </form>
    </div>
  );
}
