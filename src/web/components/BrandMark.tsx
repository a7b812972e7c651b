/** The product mark: a shield with a tick, drawn inline so nothing is fetched. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#b71c1c" />
      <path d="M32 12l16 6v12c0 11-7 18-16 22-9-4-16-11-16-22V18z" fill="#fff" />
      <path d="M26 31l5 5 9-10" stroke="#b71c1c" strokeWidth="4" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
