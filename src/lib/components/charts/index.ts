/**
 * One chart component per kind of figure, built on Chart.js through `FigureChart` (category
 * colours from `shared/colors.ts`, a data table beside each chart for screen readers). The report,
 * programmes and public pages use them; the live board's panels may import them too.
 */
export { default as BarometerChart } from './BarometerChart.svelte';
export { default as ParticipationChart } from './ParticipationChart.svelte';
export { default as VoiceBalanceChart } from './VoiceBalanceChart.svelte';
export { default as VotesChart } from './VotesChart.svelte';
export { default as FigureChart } from '../report/FigureChart.svelte';
