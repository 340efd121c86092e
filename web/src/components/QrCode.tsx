// A QR code of `text` as SVG (encoded by uqr), with the quiet zone of four
// modules that phone cameras need; dark modules drawn as one path.
import { encode } from 'uqr';

export function QrCode({ text, size = 200, label, testid }: { text: string; size?: number; label: string; testid: string }) {
  const qr = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  qr.data.forEach((row, y) => row.forEach((dark, x) => { if (dark) d += `M${x} ${y}h1v1h-1z`; }));
  return (
    <svg class="qr" width={size} height={size} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label}
      shape-rendering="crispEdges" data-testid={testid}>
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
