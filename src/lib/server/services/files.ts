import { and, eq, inArray } from 'drizzle-orm';
import { canWrite } from '../../shared/roles.ts';
import { appContext } from '../context.ts';
import { files } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { boardAccess } from './boards.ts';
import { archivedFailure } from './archive.ts';
import { failure, isFailure, type Failure } from './failure.ts';
import { insertFilesWithinQuota, quotaFailure, remainingUploadBytes } from './upload-quota.ts';

/** Image types a board accepts, recognised from their first bytes (SVG is refused: it can script). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	return signature.every((byte, i) => bytes[offset + i] === byte);
}

/**
 * The image type of a file judged by its content (magic bytes), never by its name or the
 * `Content-Type` the client sent; null for anything else (SVG, HTML, PDF, executables…).
 */
export function detectImageType(bytes: Uint8Array): ImageType | null {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39)) {
		return bytes[5] === 0x61 ? 'image/gif' : null;
	}
	const riff = startsWith(bytes, [0x52, 0x49, 0x46, 0x46]);
	if (riff && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
	return null;
}

/** The writable board a file is added to: its workshop, whose quota the file counts against. */
interface WritableBoard {
	workshopId: string;
}

/** Why `userId` may not add a file to `boardId` (unknown, archived, read-only), or its workshop. */
async function writableBoard(input: {
	userId: string;
	boardId: string;
}): Promise<WritableBoard | Failure> {
	const access = await boardAccess(input);
	if (!access) return failure(404, 'board_unknown', 'No such board');
	if (access.archived) return archivedFailure();
	if (!canWrite(access.role)) {
		return failure(403, 'forbidden', 'You may not add files to this board');
	}
	return { workshopId: access.workshopId };
}

/** Why `userId` may not add a file to `boardId` (checked before a body is read), or null. */
export async function fileWriteRefusal(input: {
	userId: string;
	boardId: string;
}): Promise<Failure | null> {
	const board = await writableBoard(input);
	return isFailure(board) ? board : null;
}

/** 413 `file_too_large`: one image over `MAX_UPLOAD_BYTES`. */
export function fileTooLargeFailure(limit: number): Failure {
	return failure(413, 'file_too_large', `The file exceeds the limit of ${limit} bytes`);
}

/**
 * What an upload to `boardId` may weigh, checked before its body is read: refused (404/403/409)
 * unless `userId` may write on the board, 413 `workshop_quota_exceeded` when the workshop's share
 * is used up or `declaredBytes` would pass it. `maxBytes` is the smaller of `MAX_UPLOAD_BYTES` and
 * what remains of the share; `tooLarge` is the failure to answer beyond it.
 */
export async function prepareUpload(input: {
	userId: string;
	boardId: string;
	declaredBytes: number | null;
}): Promise<{ maxBytes: number; tooLarge: Failure } | Failure> {
	const board = await writableBoard(input);
	if (isFailure(board)) return board;
	const { config } = appContext();
	const remaining = await remainingUploadBytes(board.workshopId);
	const tooLarge = fileTooLargeFailure(config.maxUploadBytes);
	const quota = quotaFailure(config.maxUploadBytesPerWorkshop);
	const declared = input.declaredBytes ?? 0;
	if (declared > config.maxUploadBytes) return tooLarge;
	if (remaining === 0 || declared > remaining) return quota;
	if (remaining < config.maxUploadBytes) return { maxBytes: remaining, tooLarge: quota };
	return { maxBytes: config.maxUploadBytes, tooLarge };
}

/** Stores an image for a board, if `userId` may write on it and the bytes are an accepted image. */
export async function storeImage(input: {
	userId: string;
	boardId: string;
	bytes: Uint8Array;
}): Promise<{ id: string; contentType: ImageType; size: number } | Failure> {
	const board = await writableBoard(input);
	if (isFailure(board)) return board;
	if (input.bytes.byteLength === 0) return failure(400, 'empty_file', 'The file is empty');
	const contentType = detectImageType(input.bytes);
	if (!contentType) {
		return failure(415, 'unsupported_type', 'Only PNG, JPEG, GIF and WebP images are accepted');
	}
	const id = newId();
	const size = input.bytes.byteLength;
	const refused = await insertFilesWithinQuota({
		workshopId: board.workshopId,
		rows: [
			{
				id,
				boardId: input.boardId,
				uploaderId: input.userId,
				contentType,
				size,
				bytes: input.bytes
			}
		]
	});
	if (refused) return refused;
	return { id, contentType, size };
}

/**
 * Copies a file of `fromBoardId` (which `userId` may read) to `boardId` (where they may write), for
 * a paste between boards: a file belongs to one board, so the pasted image gets its own copy.
 */
export async function copyImage(input: {
	userId: string;
	boardId: string;
	fromBoardId: string;
	fileId: string;
}): Promise<{ id: string; contentType: string; size: number } | Failure> {
	const board = await writableBoard(input);
	if (isFailure(board)) return board;
	const source = await readImage({
		userId: input.userId,
		boardId: input.fromBoardId,
		fileId: input.fileId
	});
	if (isFailure(source)) return source;
	const id = newId();
	const size = source.bytes.byteLength;
	const { contentType, bytes } = source;
	const refused = await insertFilesWithinQuota({
		workshopId: board.workshopId,
		rows: [{ id, boardId: input.boardId, uploaderId: input.userId, contentType, size, bytes }]
	});
	if (refused) return refused;
	return { id, contentType, size };
}

/** A board's file, if `userId` may see that board (404 otherwise, so ids cannot be probed). */
export async function readImage(input: {
	userId: string;
	boardId: string;
	fileId: string;
}): Promise<{ contentType: string; bytes: Uint8Array } | Failure> {
	const notFound = failure(404, 'file_unknown', 'No such file');
	const access = await boardAccess({ userId: input.userId, boardId: input.boardId });
	if (!access) return notFound;
	const [row] = await appContext()
		.db.select({ contentType: files.contentType, bytes: files.bytes })
		.from(files)
		.where(and(eq(files.id, input.fileId), eq(files.boardId, input.boardId)));
	return row ?? notFound;
}

/**
 * Copies files of one board to another under new ids (a file is readable through its own board
 * only); returns the new id of each copied file by old id. Ids that `fromBoardId` does not hold
 * are skipped.
 */
export async function copyBoardFiles(input: {
	fromBoardId: string;
	toBoardId: string;
	fileIds: readonly string[];
}): Promise<Map<string, string>> {
	const ids = new Map<string, string>();
	if (input.fileIds.length === 0) return ids;
	const { db } = appContext();
	const rows = await db
		.select()
		.from(files)
		.where(and(eq(files.boardId, input.fromBoardId), inArray(files.id, [...input.fileIds])));
	if (rows.length === 0) return ids;
	for (const row of rows) ids.set(row.id, newId());
	await db.insert(files).values(
		rows.map(({ createdAt: _createdAt, ...row }) => ({
			...row,
			id: ids.get(row.id)!,
			boardId: input.toBoardId
		}))
	);
	return ids;
}
