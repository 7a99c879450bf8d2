/**
 * Grayscale image grids as PNG (pngjs): rows of same-sized cells, each image scaled up by an
 * integer factor (nearest neighbour, so pixels stay crisp) and centred in its cell. Pure pixels:
 * row labels are added by autoencoder-figure.ts through the chart path, which has real fonts.
 */
import { PNG } from 'pngjs';

/** One picture: values in [0,1], row-major, channels interleaved. NaN marks "no pixel" (drawn as background). */
export interface GridImage {
  readonly pixels: Float32Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

export interface ImageRow {
  readonly label: string;
  readonly images: readonly GridImage[];
}

export interface GridOptions {
  /** Scale factor applied to the largest image; smaller images get the largest factor that fits the cell. Default 3. */
  readonly scale?: number;
  /** Pixels between cells and around the grid. Default 4. */
  readonly gap?: number;
  /** Gray level in [0,1] of gaps and of NaN pixels. Default 1 (white): MNIST digits are white on black, so cells stand out. */
  readonly background?: number;
}

/** Where each row sits in the PNG; autoencoder-figure.ts uses it to put labels level with rows. */
export interface GridLayout {
  readonly width: number;
  readonly height: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly gap: number;
  /** Top edge of each row's cells, in pixels. */
  readonly rowTops: readonly number[];
}

export function layoutImageRows(rows: readonly ImageRow[], opts: GridOptions = {}): GridLayout {
  const scale = positiveInt(opts.scale ?? 3, 'scale');
  const gap = opts.gap ?? 4;
  if (!Number.isInteger(gap) || gap < 0) throw new Error(`gap must be a non-negative integer, got ${gap}`);
  let maxH = 1;
  let maxW = 1;
  let maxCols = 0;
  for (const row of rows) {
    maxCols = Math.max(maxCols, row.images.length);
    for (const img of row.images) {
      checkImage(img);
      maxH = Math.max(maxH, img.height);
      maxW = Math.max(maxW, img.width);
    }
  }
  const cellHeight = maxH * scale;
  const cellWidth = maxW * scale;
  const rowTops = rows.map((_, r) => gap + r * (cellHeight + gap));
  return {
    width: Math.max(1, gap + maxCols * (cellWidth + gap)),
    height: Math.max(1, gap + rows.length * (cellHeight + gap)),
    cellWidth,
    cellHeight,
    gap,
    rowTops,
  };
}

/** Renders the rows into one grayscale PNG (8-bit, colour type 0). */
export function renderImageRows(rows: readonly ImageRow[], opts: GridOptions = {}): Buffer {
  const layout = layoutImageRows(rows, opts);
  const background = toByte(opts.background ?? 1);
  const { width, height, cellWidth, cellHeight, gap } = layout;
  // pngjs holds RGBA; writing with colorType 0 stores one gray byte a pixel.
  const png = new PNG({ width, height });
  const gray = new Uint8Array(width * height).fill(background);
  rows.forEach((row, r) => {
    const top = layout.rowTops[r]!;
    row.images.forEach((img, c) => {
      const left = gap + c * (cellWidth + gap);
      const k = Math.max(1, Math.min(Math.floor(cellWidth / img.width), Math.floor(cellHeight / img.height)));
      const x0 = left + Math.floor((cellWidth - img.width * k) / 2);
      const y0 = top + Math.floor((cellHeight - img.height * k) / 2);
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const v = pixelValue(img, y, x);
          const byte = Number.isNaN(v) ? background : toByte(v);
          for (let dy = 0; dy < k; dy++) {
            const rowStart = (y0 + y * k + dy) * width + x0 + x * k;
            gray.fill(byte, rowStart, rowStart + k);
          }
        }
      }
    });
  });
  for (let i = 0; i < gray.length; i++) {
    const v = gray[i]!;
    png.data[i * 4] = v;
    png.data[i * 4 + 1] = v;
    png.data[i * 4 + 2] = v;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 0, inputColorType: 6, inputHasAlpha: true });
}

/**
 * Turns one sample (a code, or an image stored flat) into something drawable.
 * - [h, w] or [h, w, 1]: drawn as is.
 * - [h, w, c] with c > 1: the c channels tiled into a near-square mosaic, one NaN pixel between tiles.
 * - anything else (e.g. [32] or [784]): laid out as a near-square grid (32 -> 4x8, 784 -> 28x28),
 *   padded with NaN when no divisor gives a sensible shape.
 * Values are mapped from `range` to [0,1] (clamped); by default the sample's own min..max, since codes
 * are not in [0,1]. Pass one range for a whole row so that the codes in it are comparable.
 */
export function codeToImage(
  code: Float32Array,
  shape: readonly number[],
  range?: { min: number; max: number },
): GridImage {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== code.length)
    throw new Error(`code has ${code.length} values but shape [${shape.join(', ')}] holds ${size}`);
  const { min, max } = range ?? valueRange(code);
  const span = max - min;
  const norm = (v: number): number => (span > 0 ? Math.min(1, Math.max(0, (v - min) / span)) : 0);

  if (shape.length === 3 && shape[2]! > 1) {
    const [h, w, c] = shape as [number, number, number];
    const { rows: tileRows, cols: tileCols } = nearSquare(c);
    const width = tileCols * w + (tileCols - 1);
    const height = tileRows * h + (tileRows - 1);
    const pixels = new Float32Array(width * height).fill(NaN);
    for (let ch = 0; ch < c; ch++) {
      const ty = Math.floor(ch / tileCols);
      const tx = ch % tileCols;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          pixels[(ty * (h + 1) + y) * width + tx * (w + 1) + x] = norm(code[(y * w + x) * c + ch]!);
        }
      }
    }
    return { pixels, height, width, channels: 1 };
  }
  if ((shape.length === 2 || (shape.length === 3 && shape[2] === 1)) && size > 0) {
    return { pixels: code.map(norm), height: shape[0]!, width: shape[1]!, channels: 1 };
  }
  const { rows: height, cols: width } = nearSquare(size);
  const pixels = new Float32Array(width * height).fill(NaN);
  for (let i = 0; i < size; i++) pixels[i] = norm(code[i]!);
  return { pixels, height, width, channels: 1 };
}

/** Min and max over finite values (0..1 when there are none). */
export function valueRange(values: Float32Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 1 };
}

/**
 * rows x cols holding n cells, rows <= cols: the divisor pair closest to square when it is no
 * flatter than 1:4 (32 -> 4x8, 784 -> 28x28, 8 -> 2x4), else ceil(sqrt(n)) columns with a padded last row.
 */
export function nearSquare(n: number): { rows: number; cols: number } {
  if (n <= 0) return { rows: 1, cols: 1 };
  let rows = Math.floor(Math.sqrt(n));
  while (n % rows !== 0) rows--;
  const cols = n / rows;
  if (cols <= 4 * rows || n <= 4) return { rows, cols };
  const c = Math.ceil(Math.sqrt(n));
  return { rows: Math.ceil(n / c), cols: c };
}

function pixelValue(img: GridImage, y: number, x: number): number {
  const base = (y * img.width + x) * img.channels;
  if (img.channels === 1) return img.pixels[base]!;
  // A grid is grayscale: several channels are shown as their mean (codeToImage tiles them instead).
  let sum = 0;
  for (let ch = 0; ch < img.channels; ch++) sum += img.pixels[base + ch]!;
  return sum / img.channels;
}

function toByte(v: number): number {
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
}

function positiveInt(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${v}`);
  return v;
}

function checkImage(img: GridImage): void {
  const want = img.height * img.width * img.channels;
  if (!(img.height > 0 && img.width > 0 && img.channels > 0) || img.pixels.length !== want) {
    throw new Error(
      `image of ${img.height}x${img.width}x${img.channels} needs ${want} values, has ${img.pixels.length}`,
    );
  }
}
