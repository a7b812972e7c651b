import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../common/errors';
import { ApiError } from '../api';
import { showError } from './feedback';

/**
 * Marks the server's field issues on an antd form. Returns true when at least one issue landed on
 * a field of this form; other errors (and issues for fields the form does not have) are toasted.
 */
export function applyServerErrors(form: FormInstance, err: unknown, fieldAliases: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError) || err.issues.length === 0) {
    showError(err);
    return false;
  }
  // Registered fields (keys are present even when the value is still undefined).
  const known = new Set(Object.keys(form.getFieldsValue() as object));
  const byField = new Map<string, string[]>();
  const unplaced: FieldIssue[] = [];
  for (const issue of err.issues) {
    const field = fieldAliases[issue.path] ?? issue.path.split('.')[0];
    if (known.has(field)) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    else unplaced.push(issue);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  if (unplaced.length > 0 || byField.size === 0) {
    showError(new ApiError(err.status, err.code, unplaced.map((i) => i.message).join('；') || err.message));
  }
  return byField.size > 0;
}
