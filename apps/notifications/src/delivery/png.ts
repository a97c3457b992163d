import { crc32, deflateSync } from 'node:zlib';
import { chartPoints } from '@pejling/domain-alerting';

const COLOURS = { bad: [180, 35, 24], warning: [181, 71, 8], good: [6, 118, 71], neutral: [52, 64, 84] } as const;

/**
 * A small trend chart as a PNG (pure: pixels in memory, deflated with zlib), attached inline to
 * emails because many mail clients block SVG. Line in the tone's colour, last point marked.
 */
export function trendChartPng(values: readonly number[], tone: keyof typeof COLOURS, width = 240, height = 60): Buffer {
  const pixels = Buffer.alloc(width * height * 3, 255);
  const colour = COLOURS[tone];
  const plot = (x: number, y: number, rgb: readonly number[] = colour) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const offset = (y * width + x) * 3;
    pixels[offset] = rgb[0];
    pixels[offset + 1] = rgb[1];
    pixels[offset + 2] = rgb[2];
  };
  for (let x = 0; x < width; x += 4) plot(x, height - 1, [208, 213, 221]); // a dotted baseline
  const points = chartPoints(values, width, height, 6);
  for (let i = 1; i < points.length; i++) line(points[i - 1], points[i], (x, y) => (plot(x, y), plot(x, y + 1)));
  const last = points[points.length - 1];
  if (last) for (let dx = -2; dx <= 2; dx++) for (let dy = -2; dy <= 2; dy++) plot(last.x + dx, last.y + dy);
  return encodePng(width, height, pixels);
}

function line(a: { x: number; y: number }, b: { x: number; y: number }, plot: (x: number, y: number) => void): void {
  const steps = Math.max(Math.abs(b.x - a.x), Math.abs(b.y - a.y), 1);
  for (let i = 0; i <= steps; i++) plot(Math.round(a.x + ((b.x - a.x) * i) / steps), Math.round(a.y + ((b.y - a.y) * i) / steps));
}

/** RGB, 8 bits per channel, no interlace. */
export function encodePng(width: number, height: number, rgb: Buffer): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) rgb.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}
