import { useEffect, useState } from 'react';
import { datePattern, formatLedgerDate, parseDateInput } from '../i18n/format.ts';
import { useWords } from '../i18n/words.ts';

interface DateInputProps {
  /** `YYYY-MM-DD`, or '' for none. */
  value: string;
  /** Called with `YYYY-MM-DD` once the text is a real date, or '' when it is emptied. */
  onChange(date: string): void;
  required?: boolean;
  'aria-invalid'?: boolean;
}

/**
 * A date field written in the app's language (`2026/12/07`, `07/12/2026`) rather than Chromium's
 * `<input type="date">`, which follows the browser's locale whatever language the app is set to.
 * Text that is not (yet) a date stays as typed, marked invalid, and changes nothing.
 */
export function DateInput({ value, onChange, required, 'aria-invalid': invalid }: DateInputProps) {
  const { lang } = useWords();
  const shown = value ? formatLedgerDate(value, lang) : '';
  const [text, setText] = useState(shown);
  // A new value from outside (a period chosen, filters cleared, the language switched) rewrites it.
  useEffect(() => {
    setText((typed) => (parseDateInput(typed, lang) === (value || undefined) && typed ? typed : shown));
  }, [value, shown, lang]);
  const parsed = parseDateInput(text, lang);
  const bad = text.trim() !== '' && parsed === undefined;
  return (
    <input
      type="text"
      inputMode="numeric"
      className="date-input"
      placeholder={datePattern(lang)}
      value={text}
      required={required}
      aria-invalid={invalid || bad || undefined}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '') onChange('');
        else {
          const date = parseDateInput(e.target.value, lang);
          if (date) onChange(date);
        }
      }}
      onBlur={() => parsed && setText(formatLedgerDate(parsed, lang))}
    />
  );
}
