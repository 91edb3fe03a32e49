/**
 * A tiny cookie-keeping HTTP client for the JSON API, standing for one browser.
 */
export class ApiClient {
	cookie = '';

	constructor(
		readonly baseUrl: string,
		readonly origin: string = baseUrl
	) {}

	/** Sends a JSON request; returns the status and the parsed body. */
	async request<T = Record<string, unknown>>(
		method: string,
		path: string,
		body?: unknown
	): Promise<{ status: number; body: T }> {
		const headers: Record<string, string> = { origin: this.origin };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookie) headers.cookie = this.cookie;
		const response = await fetch(this.baseUrl + path, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual'
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair = ''] = line.split(';');
			const [name, value = ''] = pair.split('=');
			if (name === 'croisee-session') this.cookie = value ? `${name}=${value}` : '';
		}
		const text = await response.text();
		return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
	}

	/** Signs up a new facilitator with unique credentials, then signs in; returns their e-mail. */
	async signUp(name = 'Fatima Facilitatrice'): Promise<string> {
		const email = `f${Math.random().toString(36).slice(2)}@example.org`;
		const password = 'correct horse battery staple';
		const { status } = await this.request('POST', '/api/auth/signup', { name, email, password });
		if (status !== 202) throw new Error(`signup failed with ${status}`);
		const login = await this.request('POST', '/api/auth/login', { email, password });
		if (login.status !== 200) throw new Error(`sign-in after signup failed with ${login.status}`);
		return email;
	}

	/** Creates a board; returns its id and join URL. */
	async createBoard(title = 'Atelier'): Promise<{ id: string; joinUrl: string }> {
		const { status, body } = await this.request<{ id: string; joinUrl: string }>(
			'POST',
			'/api/boards',
			{ title }
		);
		if (status !== 201) throw new Error(`create board failed with ${status}`);
		return body;
	}

	/** Joins through a join URL as a guest. */
	async join(joinUrl: string, name: string, category: string): Promise<string> {
		const code = new URL(joinUrl).pathname.split('/').pop();
		const { status, body } = await this.request<{ boardId: string }>('POST', `/api/join/${code}`, {
			name,
			category
		});
		if (status !== 200) throw new Error(`join failed with ${status}`);
		return body.boardId;
	}
}
