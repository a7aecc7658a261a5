// Reads and validates what `journeykit push` writes into `journeykit_persona_data` (contacts and deals).
// The property is text anyone with edit rights can change, so nothing in it is trusted: every field is checked,
// and a value that does not match version 1 is reported as malformed rather than half shown.

/** The property push writes, on contacts and on deals. */
export const PERSONA_DATA_PROPERTY = 'journeykit_persona_data';

/** The contact property holding the persona's id (written next to the data, readable in views and reports). */
export const PERSONA_ID_PROPERTY = 'journeykit_persona_id';

/** The only version this app reads. */
export const SUPPORTED_VERSION = 1;

/** HubSpot's textarea limit: push never writes more; more means the value was not written by push. */
export const MAX_LENGTH = 65_536;

/** Data older than this is shown with a warning: the persona may have moved on since. */
export const STALE_AFTER_DAYS = 90;

export interface Objection {
  text: string;
  category: string;
  stage: string | null;
  share: number;
  count: number;
  answer: string | null;
}

export interface PersonaSummary {
  id: string;
  name: string;
  objections: Objection[];
}

export interface CommitteePersona extends PersonaSummary {
  contacts: string[];
}

export interface DataHeader {
  asOf: Date | null;
  mapId: string | null;
  mapVersion: number | null;
  omitted: number;
}

export interface ContactData extends DataHeader {
  persona: PersonaSummary;
}

export interface DealData extends DataHeader {
  personas: CommitteePersona[];
}

export type Parsed<T> =
  | { state: 'none' }
  | { state: 'malformed'; reason: string }
  | { state: 'unsupported'; version: unknown }
  | { state: 'ok'; data: T };

const CATEGORY_LABELS: Record<string, string> = {
  Price: 'Price',
  Timing: 'Timing',
  Authority: 'Authority',
  Need: 'Need',
  Trust: 'Trust',
  Competitor: 'Competitor',
  Complexity: 'Complexity',
  SecurityCompliance: 'Security & compliance',
  Integration: 'Integration',
  Other: 'Other',
};

/** The label reps read for an objection category (an unknown one is shown as sent, as text). */
export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category;
}

/** Most frequent first: count, then share, then text, so the order never depends on the input order. */
export function byFrequency(a: Objection, b: Objection): number {
  return b.count - a.count || b.share - a.share || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}

/** Whether data dated `asOf` is older than STALE_AFTER_DAYS at `now`. Undated data counts as stale. */
export function isStale(asOf: Date | null, now: Date): boolean {
  if (asOf === null) return true;
  return now.getTime() - asOf.getTime() > STALE_AFTER_DAYS * 24 * 60 * 60 * 1000;
}

/** "31%" for 0.31. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "23 Nov 2026", the same in every time zone. */
export function formatDate(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

class Malformed extends Error {}

function fail(reason: string): never {
  throw new Malformed(reason);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${where} is not a non-empty string`);
  return value;
}

function optionalStr(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(`${where} is not a string`);
  return value;
}

function num(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) fail(`${where} is not a number from ${min} to ${max}`);
  return value;
}

function objections(value: unknown, where: string): Objection[] {
  if (!Array.isArray(value)) fail(`${where} is not a list`);
  return value
    .map((o, i) => {
      const at = `${where}[${i}]`;
      if (!isObject(o)) fail(`${at} is not an object`);
      return {
        text: str(o.text, `${at}.text`),
        category: str(o.category, `${at}.category`),
        stage: optionalStr(o.stage, `${at}.stage`),
        share: num(o.share, `${at}.share`, 0, 1),
        count: num(o.count, `${at}.count`, 0, Number.MAX_SAFE_INTEGER),
        answer: optionalStr(o.answer, `${at}.answer`),
      };
    })
    .sort(byFrequency);
}

function persona(value: unknown, where: string): PersonaSummary {
  if (!isObject(value)) fail(`${where} is not an object`);
  return { id: str(value.id, `${where}.id`), name: str(value.name, `${where}.name`), objections: objections(value.objections, `${where}.objections`) };
}

function header(root: Record<string, unknown>): DataHeader {
  let asOf: Date | null = null;
  if (root.asOf !== undefined) {
    const text = str(root.asOf, 'asOf');
    asOf = new Date(text);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(asOf.getTime())) fail('asOf is not a date');
  }
  let mapId: string | null = null;
  let mapVersion: number | null = null;
  if (root.map !== undefined) {
    if (!isObject(root.map)) fail('map is not an object');
    mapId = str(root.map.id, 'map.id');
    mapVersion = num(root.map.version, 'map.version', 0, Number.MAX_SAFE_INTEGER);
  }
  const omitted = root.omitted === undefined ? 0 : num(root.omitted, 'omitted', 0, Number.MAX_SAFE_INTEGER);
  return { asOf, mapId, mapVersion, omitted };
}

function parse<T>(raw: string | null | undefined, body: (root: Record<string, unknown>) => T): Parsed<T> {
  if (raw === null || raw === undefined) return { state: 'none' };
  if (raw.length > MAX_LENGTH) return { state: 'malformed', reason: `longer than ${MAX_LENGTH} characters` };
  if (raw.trim() === '') return { state: 'none' };
  let root: unknown;
  try {
    root = JSON.parse(raw);
  } catch {
    return { state: 'malformed', reason: 'not JSON' };
  }
  if (!isObject(root)) return { state: 'malformed', reason: 'not a JSON object' };
  if (root.v !== SUPPORTED_VERSION) {
    return typeof root.v === 'number' && Number.isInteger(root.v) && root.v > SUPPORTED_VERSION
      ? { state: 'unsupported', version: root.v }
      : { state: 'malformed', reason: 'no supported version "v"' };
  }
  try {
    return { state: 'ok', data: body(root) };
  } catch (e) {
    if (e instanceof Malformed) return { state: 'malformed', reason: e.message };
    throw e;
  }
}

/** A contact's `journeykit_persona_data`. */
export function parseContactData(raw: string | null | undefined): Parsed<ContactData> {
  return parse(raw, (root) => ({ ...header(root), persona: persona(root.persona, 'persona') }));
}

/** A deal's `journeykit_persona_data`: its committee, personas with the most contacts first. */
export function parseDealData(raw: string | null | undefined): Parsed<DealData> {
  return parse(raw, (root) => {
    if (!Array.isArray(root.personas)) fail('personas is not a list');
    const personas = root.personas.map((p, i) => {
      const base = persona(p, `personas[${i}]`);
      const contacts = (p as Record<string, unknown>).contacts;
      if (!Array.isArray(contacts)) fail(`personas[${i}].contacts is not a list`);
      return { ...base, contacts: contacts.map((c, j) => (typeof c === 'number' ? String(c) : str(c, `personas[${i}].contacts[${j}]`))) };
    });
    return { ...header(root), personas };
  });
}
