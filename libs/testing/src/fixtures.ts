/** Frederiksberg, Beskæftigelsesplan 2022, Bilag 1 (July 2021), with the population implied by Mål A and D. */
export const FREDERIKSBERG_JULY_2021 = [
  { municipality: '147', series: 'sygedagpenge', period: '2021-07', value: 1217, unit: 'full-time-persons', source: 'jobindsats' },
  { municipality: '147', series: 'jobafklaringsforloeb', period: '2021-07', value: 106, unit: 'full-time-persons', source: 'jobindsats' },
  { municipality: '147', series: 'befolkning-16-66', period: '2021-07', value: 70400, unit: 'persons', source: 'jobindsats' },
];

/** A later month in which Sygedagpenge mv. falls to 1,7 % (recovers a ≤ 1,8 % goal). */
export const FREDERIKSBERG_AUGUST_2021_RECOVERED = [
  { municipality: '147', series: 'sygedagpenge', period: '2021-08', value: 1120, unit: 'full-time-persons', source: 'jobindsats' },
  { municipality: '147', series: 'jobafklaringsforloeb', period: '2021-08', value: 101, unit: 'full-time-persons', source: 'jobindsats' },
  { municipality: '147', series: 'befolkning-16-66', period: '2021-08', value: 70450, unit: 'persons', source: 'jobindsats' },
];
