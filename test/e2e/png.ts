// Reads back the PNG files the extension writes: the signature, the IHDR size, and the pixels of
// an 8-bit RGB/RGBA non-interlaced image (what a browser canvas encodes), so a test can tell a
// drawn chart from an empty canvas. Only node:zlib; no image library.
import { inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE))
    throw new Error('not a PNG: the file does not start with the PNG signature');
  const out: Chunk[] = [];
  let at = 8;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > png.length) throw new Error(`PNG chunk ${type} runs past the end of the file`);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return out;
}

export function pngHeader(png: Buffer): PngHeader {
  const first = chunks(png)[0];
  if (first?.type !== 'IHDR' || first.data.length !== 13) throw new Error('PNG without an IHDR chunk first');
  const d = first.data;
  return {
    width: d.readUInt32BE(0),
    height: d.readUInt32BE(4),
    bitDepth: d[8] ?? 0,
    colorType: d[9] ?? 0,
    interlace: d[12] ?? 0,
  };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** The number of distinct pixel colours (RGBA as one integer) of an 8-bit RGB or RGBA PNG. */
export function distinctColours(png: Buffer): number {
  const header = pngHeader(png);
  const channels = header.colorType === 6 ? 4 : header.colorType === 2 ? 3 : 0;
  if (header.bitDepth !== 8 || channels === 0 || header.interlace !== 0) {
    throw new Error(
      `PNG kind not read here: bit depth ${header.bitDepth}, colour type ${header.colorType}, interlace ${header.interlace}`,
    );
  }
  const raw = inflateSync(
    Buffer.concat(
      chunks(png)
        .filter((c) => c.type === 'IDAT')
        .map((c) => c.data),
    ),
  );
  const stride = header.width * channels;
  if (raw.length !== header.height * (stride + 1))
    throw new Error(`PNG data holds ${raw.length} bytes, not ${header.height} rows of ${stride + 1}`);
  const colours = new Set<number>();
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? (line[i - channels] ?? 0) : 0;
      const up = previous[i] ?? 0;
      const upLeft = i >= channels ? (previous[i - channels] ?? 0) : 0;
      const x = line[i] ?? 0;
      switch (filter) {
        case 0:
          break;
        case 1:
          line[i] = (x + left) & 0xff;
          break;
        case 2:
          line[i] = (x + up) & 0xff;
          break;
        case 3:
          line[i] = (x + ((left + up) >> 1)) & 0xff;
          break;
        case 4:
          line[i] = (x + paeth(left, up, upLeft)) & 0xff;
          break;
        default:
          throw new Error(`PNG row ${y} has unknown filter ${String(filter)}`);
      }
    }
    for (let i = 0; i < stride; i += channels) {
      colours.add(
        (((line[i] ?? 0) << 24) |
          ((line[i + 1] ?? 0) << 16) |
          ((line[i + 2] ?? 0) << 8) |
          (channels === 4 ? (line[i + 3] ?? 0) : 255)) >>>
          0,
      );
    }
    previous = line;
  }
  return colours.size;
}
