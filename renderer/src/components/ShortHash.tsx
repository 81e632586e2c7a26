/** A SHA-256 shortened to its first characters; the whole hash is on hover. */
export function ShortHash({ sha256 }: { sha256: string }) {
  return <code className="hash short" title={sha256}>{sha256.slice(0, 12)}…</code>;
}
