import { inflateSync } from 'node:zlib';
import { encodePng, trendChartPng } from './png';

/** Reads back an RGB PNG written by encodePng: size and pixels, after checking signature and chunk CRCs. */
function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  const chunks: Record<string, Buffer> = {};
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('ascii');
    chunks[type] = Buffer.concat([chunks[type] ?? Buffer.alloc(0), png.subarray(offset + 8, offset + 8 + length)]);
    offset += 12 + length;
  }
  expect(Object.keys(chunks)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const width = chunks.IHDR.readUInt32BE(0);
  const height = chunks.IHDR.readUInt32BE(4);
  const raw = inflateSync(chunks.IDAT);
  return { width, height, pixel: (x, y) => [...raw.subarray(y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 1 + x * 3 + 3)] };
}

describe('PNG trend chart', () => {
  it('encodes pixels losslessly', () => {
    const rgb = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const image = decode(encodePng(2, 2, rgb));
    expect([image.width, image.height]).toEqual([2, 2]);
    expect([image.pixel(0, 0), image.pixel(1, 0), image.pixel(0, 1), image.pixel(1, 1)]).toEqual([
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [10, 20, 30],
    ]);
  });

  it('draws a rising series from bottom left to top right in the tone’s colour', () => {
    const image = decode(trendChartPng([1, 2, 3], 'bad', 60, 30));
    expect([image.width, image.height]).toEqual([60, 30]);
    const red = [180, 35, 24];
    expect(image.pixel(6, 23)).toEqual(red); // first point, near the bottom (padding 6)
    expect(image.pixel(53, 6)).toEqual(red); // last point, near the top, marked
    expect(image.pixel(53, 23)).toEqual([255, 255, 255]);
  });
});
