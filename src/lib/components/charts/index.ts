/**
 * One chart component per kind of figure, built on Chart.js through `FigureChart` (category
 * colours from `shared/colors.ts`, a data table beside each chart for screen readers), used on
 * every screen that shows these figures: the report and the public page (one moment), programmes
 * (`overTime`: one line per category across workshops), the live cockpit (`compact`: drafts and
 * people present per category) and the facilitation drawer (live votes, voice balance, barometer).
 */
export { default as BarometerChart } from './BarometerChart.svelte';
export { default as ParticipationChart } from './ParticipationChart.svelte';
export { default as VoiceBalanceChart } from './VoiceBalanceChart.svelte';
export { default as VotesChart } from './VotesChart.svelte';
export { default as FigureChart } from '../report/FigureChart.svelte';
