/**
 * The Open Packaging Conventions layer: parts, relationships, content types. Everything
 * here works on part names inside the in-memory archive; a relationship target that would
 * leave the package is dropped, never resolved against a file system.
 */
import { maxTokenBytes } from '../limits.js';
import { type ReadLimits, WorkbookError } from '../types.js';
import { type XmlHandler, XmlScanner } from './xml.js';
import { XmlTranscoder } from './xml-encoding.js';
import { type XmlTag, name } from './xml-tag.js';
import { TextBuffer } from './xml-text.js';
import type { ZipArchive, ZipEntry } from './zip.js';

/**
 * Streams a part through the scanner. Resolves to true when the handler has seen the whole
 * part (size, CRC and well-formedness checked), false when it called `scanner.stop()`.
 */
export async function scanPart(
  zip: ZipArchive,
  entry: ZipEntry,
  makeHandler: (scanner: XmlScanner) => XmlHandler,
  limits: ReadLimits,
): Promise<boolean> {
  return scanChunks(entry.name, zip.chunks(entry), makeHandler, limits);
}

/** {@link scanPart} over pieces of a part however they are produced (a reading thread inflates its own). */
export async function scanChunks(
  part: string,
  chunks: AsyncIterable<Buffer>,
  makeHandler: (scanner: XmlScanner) => XmlHandler,
  limits: ReadLimits,
): Promise<boolean> {
  const scanner = new XmlScanner(part, limits.maxXmlDepth, maxTokenBytes(limits));
  scanner.handler = makeHandler(scanner);
  const transcoder = new XmlTranscoder(part, (b) => scanner.feed(b));
  for await (const chunk of chunks) {
    transcoder.push(chunk);
    if (scanner.isStopped) return false;
  }
  transcoder.end();
  scanner.end();
  return !scanner.isStopped;
}

/** One relationship of a part, with its target resolved to a part name. */
export interface Relationship {
  id: string;
  /** Full type URI; compare with {@link relType}, which ignores Transitional vs Strict. */
  type: string;
  /** Part name in the package, or undefined when external or pointing outside it. */
  part: string | undefined;
  /** The target as written. */
  target: string;
}

/**
 * The last segment of a relationship type: the same for Transitional
 * (`http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet`) and ISO
 * Strict (`http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet`).
 */
export function relType(r: Relationship): string {
  const i = r.type.lastIndexOf('/');
  return i < 0 ? r.type : r.type.slice(i + 1);
}

/** Relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? `_rels/${part}.rels` : `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/**
 * Resolves a relationship target against the part that holds it. Targets are URIs:
 * percent-escapes are decoded, a fragment is dropped, a leading '/' means the package root.
 * Undefined when the target climbs above the root.
 */
export function resolveTarget(sourcePart: string, target: string): string | undefined {
  let t = target.replace(/\\/g, '/');
  const hash = t.indexOf('#');
  if (hash >= 0) t = t.slice(0, hash);
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not valid percent-encoding: take the target literally.
  }
  const segs: string[] = [];
  if (!t.startsWith('/')) {
    const i = sourcePart.lastIndexOf('/');
    if (i >= 0) segs.push(...sourcePart.slice(0, i).split('/'));
  }
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (segs.length === 0) return undefined;
      segs.pop();
    } else segs.push(seg);
  }
  return segs.length > 0 ? segs.join('/') : undefined;
}

const N_RELATIONSHIP = name('Relationship');
const N_ID = name('Id');
const N_TYPE = name('Type');
const N_TARGET = name('Target');
const N_TARGET_MODE = name('TargetMode');

/** Reads the relationships of `sourcePart`; an absent rels part gives an empty list. */
export async function readRelationships(zip: ZipArchive, sourcePart: string, limits: ReadLimits): Promise<Relationship[] | undefined> {
  const entry = zip.get(relsPartOf(sourcePart));
  if (entry === undefined || entry.uncompressedSize === 0) return undefined;
  const rels: Relationship[] = [];
  const text = new TextBuffer(limits.maxStringLength * 8, entry.name);
  await scanPart(
    zip,
    entry,
    () => ({
      open(t: XmlTag) {
        if (!t.is(N_RELATIONSHIP)) return;
        if (rels.length >= limits.maxEntries * 4) {
          throw new WorkbookError('too-large', 'entries', { part: entry.name, limit: limits.maxEntries * 4 });
        }
        const id = t.get(N_ID, text) ?? '';
        const type = t.get(N_TYPE, text) ?? '';
        const target = t.get(N_TARGET, text) ?? '';
        const external = (t.get(N_TARGET_MODE, text) ?? '').toLowerCase() === 'external';
        rels.push({ id, type, target, part: external ? undefined : resolveTarget(sourcePart, target) });
      },
      close() {},
      text() {},
    }),
    limits,
  );
  return rels;
}

/** `[Content_Types].xml`: overrides by part name (lower case) and defaults by extension. */
export interface ContentTypes {
  overrides: Map<string, string>;
  defaults: Map<string, string>;
}

const N_OVERRIDE = name('Override');
const N_DEFAULT = name('Default');
const N_PART_NAME = name('PartName');
const N_EXTENSION = name('Extension');
const N_CONTENT_TYPE = name('ContentType');

/** Reads `[Content_Types].xml`; undefined when the package has none (tolerated). */
export async function readContentTypes(zip: ZipArchive, limits: ReadLimits): Promise<ContentTypes | undefined> {
  const entry = zip.get('[Content_Types].xml');
  if (entry === undefined || entry.uncompressedSize === 0) return undefined;
  const ct: ContentTypes = { overrides: new Map(), defaults: new Map() };
  const text = new TextBuffer(limits.maxStringLength * 8, entry.name);
  await scanPart(
    zip,
    entry,
    () => ({
      open(t: XmlTag) {
        if (ct.overrides.size + ct.defaults.size > limits.maxEntries * 4) {
          throw new WorkbookError('too-large', 'entries', { part: entry.name, limit: limits.maxEntries * 4 });
        }
        if (t.is(N_OVERRIDE)) {
          const p = t.get(N_PART_NAME, text);
          const type = t.get(N_CONTENT_TYPE, text);
          const part = p === undefined ? undefined : resolveTarget('', p);
          if (part !== undefined && type !== undefined) ct.overrides.set(part.toLowerCase(), type.trim());
        } else if (t.is(N_DEFAULT)) {
          const ext = t.get(N_EXTENSION, text);
          const type = t.get(N_CONTENT_TYPE, text);
          if (ext !== undefined && type !== undefined) ct.defaults.set(ext.toLowerCase(), type.trim());
        }
      },
      close() {},
      text() {},
    }),
    limits,
  );
  return ct;
}

/** Content type of a part by the package's declarations. */
export function contentTypeOf(ct: ContentTypes | undefined, part: string): string | undefined {
  if (ct === undefined) return undefined;
  const o = ct.overrides.get(part.toLowerCase());
  if (o !== undefined) return o;
  const dot = part.lastIndexOf('.');
  return dot < 0 ? undefined : ct.defaults.get(part.slice(dot + 1).toLowerCase());
}

/** A part that the package says must exist but does not. */
export function missingPart(part: string, extra: Record<string, string | number> = {}): WorkbookError {
  return new WorkbookError('unreadable-file', 'missing-part', { part, ...extra });
}
