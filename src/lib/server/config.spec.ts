import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
	it('defaults to port 3000 and an embedded database in ./data', () => {
		const config = loadConfig({});
		expect(config.port).toBe(3000);
		expect(config.dataDir).toBe(path.resolve('data'));
		expect(config.databaseUrl).toBeNull();
		expect(config.origin).toBeNull();
	});

	it('reads PORT, DATA_DIR, DATABASE_URL and normalises ORIGIN', () => {
		const config = loadConfig({
			PORT: '8080',
			DATA_DIR: '/tmp/croisee',
			DATABASE_URL: 'postgres://db/croisee',
			ORIGIN: 'https://croisee.example.fr/some/path'
		});
		expect(config).toMatchObject({
			port: 8080,
			dataDir: '/tmp/croisee',
			databaseUrl: 'postgres://db/croisee',
			origin: 'https://croisee.example.fr'
		});
	});

	it('shows outputs in Paris time unless TZ_DISPLAY names another zone, and refuses unknown zones', () => {
		expect(loadConfig({}).displayTimeZone).toBe('Europe/Paris');
		expect(loadConfig({ TZ_DISPLAY: 'America/Cayenne' }).displayTimeZone).toBe('America/Cayenne');
		expect(() => loadConfig({ TZ_DISPLAY: 'Paris' })).toThrow(/TZ_DISPLAY/);
	});

	it('sweeps retention hourly by default, at the given minutes, or never with 0', () => {
		expect(loadConfig({}).retentionSweepMs).toBe(60 * 60 * 1000);
		expect(loadConfig({ RETENTION_SWEEP_MINUTES: '5' }).retentionSweepMs).toBe(5 * 60 * 1000);
		expect(loadConfig({ RETENTION_SWEEP_MINUTES: '0' }).retentionSweepMs).toBe(0);
		expect(() => loadConfig({ RETENTION_SWEEP_MINUTES: '-1' })).toThrow(/RETENTION_SWEEP_MINUTES/);
	});

	it('refuses a malformed number with the variable name', () => {
		expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
		expect(() => loadConfig({ LOG_BATCH_MS: '-1' })).toThrow(/LOG_BATCH_MS/);
	});
});
