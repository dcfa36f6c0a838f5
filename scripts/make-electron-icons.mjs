// Draws TaskDesk's icons (a white check mark on a blue rounded square) into
// build/: the app icon electron-builder turns into .icns/.ico/Linux sizes, and
// the tray icons the app loads at run time. Plain Node, no image library:
// shapes are sampled 4x4 per pixel and written as RGBA PNGs. Rerun after changes:
// node scripts/make-electron-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const build = fileURLToPath(new URL('../build/', import.meta.url));
const BLUE = [37, 99, 235];
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
// The check mark's corners, in units of the icon's side.
const CHECK = [
  [0.28, 0.52],
  [0.44, 0.68],
  [0.73, 0.36],
];
const SAMPLES = 4;

function distanceToSegment([px, py], [ax, ay], [bx, by]) {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const onCheck = (point, width) =>
  Math.min(distanceToSegment(point, CHECK[0], CHECK[1]), distanceToSegment(point, CHECK[1], CHECK[2])) <= width / 2;

function inRoundedSquare([x, y], margin, radius) {
  const [lo, hi] = [margin + radius, 1 - margin - radius];
  const cx = Math.max(lo, Math.min(hi, x));
  const cy = Math.max(lo, Math.min(hi, y));
  return Math.hypot(x - cx, y - cy) <= radius && x >= margin && x <= 1 - margin && y >= margin && y <= 1 - margin;
}

/** The colour and coverage of one point of the icon: `template` is the check alone, in black. */
function paint(point, template) {
  if (template) return onCheck(point, 0.16) ? BLACK : undefined;
  if (!inRoundedSquare(point, 0.08, 0.18)) return undefined;
  return onCheck(point, 0.1) ? WHITE : BLUE;
}

function render(size, template) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // Filter byte 0 (none), then RGBA.
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let s = 0; s < SAMPLES * SAMPLES; s++) {
        const point = [
          (x + ((s % SAMPLES) + 0.5) / SAMPLES) / size,
          (y + (Math.floor(s / SAMPLES) + 0.5) / SAMPLES) / size,
        ];
        const colour = paint(point, template);
        if (!colour) continue;
        colour.forEach((value, i) => (sum[i] += value));
        sum[3] += 1;
      }
      const alpha = sum[3] / (SAMPLES * SAMPLES);
      const pixel = sum[3] ? [sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3], alpha * 255] : [0, 0, 0, 0];
      pixel.forEach((value, i) => row.writeUInt8(Math.round(value), 1 + x * 4 + i));
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace.
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const data = zlib.deflateSync(pixels, { level: 9 });
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]);
}

const files = {
  'icon.png': [1024, false],
  'icons/512x512.png': [512, false],
  'icons/256x256.png': [256, false],
  'tray/tray.png': [32, false],
  'tray/trayTemplate.png': [16, true],
  'tray/trayTemplate@2x.png': [32, true],
};
for (const [name, [size, template]] of Object.entries(files)) {
  const file = path.join(build, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, render(size, template));
}
