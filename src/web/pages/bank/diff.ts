/**
 * A small LCS diff for the version history: character level for short texts (a changed word in
 * a Chinese sentence reads best that way), line level for long ones. No dependency needed for
 * texts of a few hundred characters.
 */
export type DiffPart = { kind: 'same' | 'add' | 'del'; text: string };

function lcsDiff<T>(a: T[], b: T[], join: (xs: T[]) => string): DiffPart[] {
  const n = a.length;
  const m = b.length;
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], x: T) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += join([x]);
    else out.push({ kind, text: join([x]) });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push('same', a[i]);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) push('del', a[i++]);
    else push('add', b[j++]);
  }
  while (i < n) push('del', a[i++]);
  while (j < m) push('add', b[j++]);
  return out;
}

/** Differences from old to new text. */
export function diffText(oldText: string, newText: string): DiffPart[] {
  if (oldText === newText) return oldText ? [{ kind: 'same', text: oldText }] : [];
  if (oldText.length * newText.length <= 4_000_000) return lcsDiff([...oldText], [...newText], (xs) => xs.join(''));
  return lcsDiff(oldText.split('\n'), newText.split('\n'), (xs) => xs.join('\n') + '\n');
}
