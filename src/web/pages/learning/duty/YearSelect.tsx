import { Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { beijingYearMonth } from '../../../../common/duty';

export const currentYear = () => beijingYearMonth(new Date()).year;

/** The page's year from ?year= (default: this Beijing year), so links in reminders open the right year. */
export function useYearParam(): [number, (y: number) => void] {
  const [sp, setSp] = useSearchParams();
  const raw = Number(sp.get('year'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : currentYear();
  return [
    year,
    (y: number) =>
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('year', String(y));
          return next;
        },
        { replace: true },
      ),
  ];
}

/** 年度 picker: the last five years and the next one. */
export function YearSelect({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  const now = currentYear();
  const years = [now + 1, now, now - 1, now - 2, now - 3, now - 4];
  if (!years.includes(value)) years.push(value);
  return (
    <Select<number>
      aria-label="年度"
      value={value}
      onChange={onChange}
      style={{ width: 120 }}
      options={years.sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}年度` }))}
    />
  );
}
