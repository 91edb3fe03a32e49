import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { countItems } from '../../../src/lib/board/schema.ts';
import type { Endpoint } from '../shared.ts';

/** `ws` with the endpoint's `Origin`, for the providers' `WebSocketPolyfill` option. */
function webSocketWithOrigin(origin: string | null) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, origin ? { origin } : {});
		}
	};
}

/** Opens the stock provider of the endpoint's protocol; `onSynced` fires once synced. */
function openProvider(endpoint: Endpoint, index: number, doc: Y.Doc, onSynced: () => void) {
	const url = new URL(endpoint.urls[index % endpoint.urls.length] as string);
	const WebSocketPolyfill = webSocketWithOrigin(endpoint.origin);
	if (endpoint.protocol === 'hocuspocus') {
		const socket = new HocuspocusProviderWebsocket({ url: url.toString(), WebSocketPolyfill });
		const provider = new HocuspocusProvider({
			websocketProvider: socket,
			name: endpoint.docName,
			document: doc,
			onSynced
		});
		provider.attach();
		return {
			destroy: () => {
				provider.destroy();
				socket.destroy();
			}
		};
	}
	const room = url.pathname.split('/').pop() ?? '';
	const serverUrl = `${url.protocol}//${url.host}${url.pathname.slice(0, -room.length - 1)}`;
	const provider = new WebsocketProvider(serverUrl, room, doc, {
		WebSocketPolyfill: WebSocketPolyfill as never,
		params: Object.fromEntries(url.searchParams),
		disableBc: true
	});
	provider.on('sync', (synced: boolean) => {
		if (synced) onSynced();
	});
	return provider;
}

/**
 * Joins with the stock client of the protocol (`WebsocketProvider` from y-websocket, or
 * `HocuspocusProvider`), as a browser would: time from creating the provider to its synced event,
 * with the document applied. Cross-checks the lean client's join figures.
 */
export async function joinWithStockProvider(input: {
	endpoint: Endpoint;
	index: number;
	timeoutMs: number;
}): Promise<{ ms: number; items: number }> {
	const doc = new Y.Doc();
	const started = performance.now();
	let provider: { destroy(): void } | null = null;
	try {
		const synced = new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('stock provider: no sync')), input.timeoutMs);
			provider = openProvider(input.endpoint, input.index, doc, () => {
				clearTimeout(timer);
				resolve();
			});
		});
		await synced;
		return { ms: performance.now() - started, items: countItems(doc) };
	} finally {
		(provider as { destroy(): void } | null)?.destroy();
		doc.destroy();
	}
}
