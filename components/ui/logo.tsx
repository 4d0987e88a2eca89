export function Logo({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <path d="M16 2 4 7v8c0 7.5 5.1 13.4 12 15 6.9-1.6 12-7.5 12-15V7L16 2Z" fill="#2f6fed" />
      <path d="M9 16c2-3.5 4.4-5.2 7-5.2s5 1.7 7 5.2c-2 3.5-4.4 5.2-7 5.2S11 19.5 9 16Z" fill="#fff" />
      <circle cx="16" cy="16" r="2.6" fill="#1a47a8" />
    </svg>
  );
}
