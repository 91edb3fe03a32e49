import * as Y from 'yjs';
import { countItems } from '../../board/schema.ts';
import { FIGURES_VERSION, type WorkshopFigures } from '../../shared/figures.ts';
import { parseBoundedJson } from '../body.ts';
import { findUnstorableText } from '../text-guard.ts';
import { failure, isFailure, type Failure } from './failure.ts';
import {
	RECORD_FORMAT,
	RECORD_VERSION,
	workshopRecord,
	type WorkshopRecord
} from './workshop-record-export.ts';

/**
 * Reading a workshop record before an import: the bytes as UTF-8 JSON, the format and version,
 * the schema (`workshopRecord`), then what a schema cannot say (each board state is a Yjs update
 * within the object limit, references point at something in the document). Every refusal is a
 * 400 `Failure` saying where; nothing is written here.
 */

/** A workshop record checked for import, with each board's decoded state. */
export interface ReadRecord {
	document: WorkshopRecord;
	/** Encoded state and object count of each board, in the document's order. */
	states: { state: Uint8Array; itemCount: number }[];
	/** The document's figures when they are in the current shape, else null (computed on read). */
	figures: WorkshopFigures | null;
}

const invalid = (where: string, message: string) =>
	failure(400, 'invalid_input', `${where}: ${message}`);

/** Figures shaped like `WorkshopFigures` of this version (top-level fields only). */
function currentFigures(value: unknown): WorkshopFigures | null {
	if (!value || typeof value !== 'object') return null;
	const figures = value as Record<string, unknown>;
	const objects = ['workshop', 'span', 'participants', 'contributions', 'votes', 'feedback'];
	const fits =
		figures.version === FIGURES_VERSION &&
		typeof figures.computedAt === 'string' &&
		!Number.isNaN(Date.parse(figures.computedAt)) &&
		objects.every((key) => figures[key] !== null && typeof figures[key] === 'object') &&
		Array.isArray(figures.categories) &&
		Array.isArray(figures.voteRounds) &&
		Array.isArray(figures.barometer);
	return fits ? (value as WorkshopFigures) : null;
}

function decodeBoards(
	boards: WorkshopRecord['boards'],
	maxObjects: number
): ReadRecord['states'] | Failure {
	const states: ReadRecord['states'] = [];
	for (const [i, board] of boards.entries()) {
		const doc = new Y.Doc();
		try {
			Y.applyUpdate(doc, Buffer.from(board.state, 'base64'));
		} catch {
			return invalid(`boards.${i}.state`, 'not a board state');
		}
		const itemCount = countItems(doc);
		if (itemCount > maxObjects) {
			return invalid(`boards.${i}.state`, `more than ${maxObjects} objects`);
		}
		states.push({ state: Y.encodeStateAsUpdate(doc), itemCount });
	}
	return states;
}

/** The first duplicate of `values`, or null. */
function duplicate(values: readonly string[]): string | null {
	const seen = new Set<string>();
	for (const value of values) {
		if (seen.has(value)) return value;
		seen.add(value);
	}
	return null;
}

/** Every date of the document with its path. */
function datesOf(document: WorkshopRecord): [string, string | null][] {
	return [
		['exportedAt', document.exportedAt],
		['workshop.date', document.workshop.date],
		...document.events.map((e, i): [string, string] => [`events.${i}.at`, e.at]),
		...document.feedback.map((f, i): [string, string] => [`feedback.${i}.at`, f.at]),
		...document.voteRounds.flatMap((round, i): [string, string | null][] => [
			[`voteRounds.${i}.openedAt`, round.openedAt],
			[`voteRounds.${i}.closedAt`, round.closedAt],
			...round.votes.map((v, j): [string, string] => [`voteRounds.${i}.votes.${j}.at`, v.at])
		])
	];
}

/** The path of the first date PostgreSQL cannot store (the year 0000), or null. */
function unstorableDate(document: WorkshopRecord): string | null {
	for (const [path, value] of datesOf(document)) {
		if (value !== null && new Date(value).getUTCFullYear() < 1) return path;
	}
	return null;
}

function checkReferences(document: WorkshopRecord): Failure | null {
	const boardIds = new Set(document.boards.map((board) => board.id));
	const again =
		duplicate(document.boards.map((board) => board.id)) ??
		duplicate(document.people.map((person) => person.ref)) ??
		duplicate(document.voteRounds.map((round) => round.id));
	if (again !== null) return invalid('(document)', `"${again}" appears twice`);
	if (duplicate(document.feedback.map((entry) => entry.person)) !== null) {
		return invalid('feedback', 'one answer per person');
	}
	for (const [i, round] of document.voteRounds.entries()) {
		if (!boardIds.has(round.boardId)) return invalid(`voteRounds.${i}.boardId`, 'unknown board');
	}
	for (const [i, event] of document.events.entries()) {
		if (event.boardId !== null && !boardIds.has(event.boardId)) {
			return invalid(`events.${i}.boardId`, 'unknown board');
		}
	}
	return null;
}

/**
 * Reads an uploaded workshop record: 400 `invalid_json` (not UTF-8 JSON), `json_too_deep`
 * (nested deeper than `maxDepth`), `invalid_text`
 * (unstorable text), `record_format` (another format or version), `invalid_input` (with the
 * path of the first problem). `maxObjects` is the per-board object limit.
 */
export function readWorkshopRecord(input: {
	bytes: Uint8Array;
	maxObjects: number;
	/** Deepest nesting accepted (`MAX_JSON_DEPTH`), checked before parsing. */
	maxDepth: number;
}): ReadRecord | Failure {
	const parsedJson = parseBoundedJson(input.bytes, input.maxDepth, 'The file');
	if (isFailure(parsedJson)) return parsedJson;
	const body = parsedJson.value;
	const head = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	if (head.format !== RECORD_FORMAT || head.version !== RECORD_VERSION) {
		return failure(
			400,
			'record_format',
			`Not a ${RECORD_FORMAT} document of version ${RECORD_VERSION}`
		);
	}
	const unstorable = findUnstorableText(body);
	if (unstorable !== null) {
		return failure(400, 'invalid_text', `${unstorable}: NUL characters and lone surrogates`);
	}
	const parsed = workshopRecord.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return invalid(issue?.path.join('.') || '(document)', issue?.message ?? 'invalid');
	}
	const badDate = unstorableDate(parsed.data);
	if (badDate !== null) return invalid(badDate, 'the year must be 0001 or later');
	const references = checkReferences(parsed.data);
	if (references) return references;
	const states = decodeBoards(parsed.data.boards, input.maxObjects);
	if (isFailure(states)) return states;
	return { document: parsed.data, states, figures: currentFigures(parsed.data.figures) };
}
