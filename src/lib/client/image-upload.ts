import type { BoardController } from './board-controller.svelte.ts';
import type { Point } from './viewport.ts';

/** Widest or tallest an image is placed on the board, in board units (it can be resized later). */
export const IMAGE_MAX_SIDE = 480;

/** Why an upload failed: the server's error code, or `network`. */
export type UploadError = { code: string; message: string };

/** The pixel size of an image file, or null when the browser cannot decode it. */
async function naturalSize(file: Blob): Promise<{ w: number; h: number } | null> {
	try {
		const bitmap = await createImageBitmap(file);
		const size = { w: bitmap.width, h: bitmap.height };
		bitmap.close();
		return size;
	} catch {
		return null;
	}
}

/** `size` scaled down to fit IMAGE_MAX_SIDE, keeping its proportions. */
export function placedSize(size: { w: number; h: number } | null): { w: number; h: number } {
	if (!size || size.w <= 0 || size.h <= 0) return { w: 320, h: 240 };
	const scale = Math.min(1, IMAGE_MAX_SIDE / Math.max(size.w, size.h));
	return {
		w: Math.max(24, Math.round(size.w * scale)),
		h: Math.max(24, Math.round(size.h * scale))
	};
}

/**
 * Uploads an image to the board's files (`POST /api/boards/<id>/files`, the raw bytes) and places it
 * centred on `at`. The server checks the type by content and the size; its refusal comes back as
 * an `UploadError` to show to the person.
 */
export async function uploadImage(
	board: BoardController,
	file: File,
	at: Point
): Promise<UploadError | null> {
	let response: Response;
	try {
		response = await fetch(`/api/boards/${board.boardId}/files`, {
			method: 'POST',
			headers: { 'content-type': file.type || 'application/octet-stream' },
			body: file
		});
	} catch {
		return { code: 'network', message: 'network' };
	}
	const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
	if (!response.ok || typeof body.id !== 'string') {
		return { code: String(body.code ?? 'upload_failed'), message: String(body.error ?? '') };
	}
	const size = placedSize(await naturalSize(file));
	board.createAt('image', at, { file: body.id, ...size });
	return null;
}
