const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A Unicode block sparkline (▁▃▅█) of a series, for plain-text emails and chat cards. */
export function unicodeSparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const { min, span } = range(values);
  return values.map((value) => BARS[span === 0 ? 3 : Math.round(((value - min) / span) * (BARS.length - 1))]).join('');
}

/**
 * The pixel positions of a series in a `width` × `height` chart with `padding` pixels inside the
 * edges (y grows downwards), for drawing the trend as an image. A flat series is drawn mid-height.
 */
export function chartPoints(values: readonly number[], width: number, height: number, padding: number): { x: number; y: number }[] {
  if (values.length === 0) return [];
  const { min, span } = range(values);
  const innerWidth = width - 2 * padding - 1;
  const innerHeight = height - 2 * padding - 1;
  return values.map((value, index) => ({
    x: Math.round(padding + (values.length === 1 ? innerWidth / 2 : (index / (values.length - 1)) * innerWidth)),
    y: Math.round(padding + (span === 0 ? innerHeight / 2 : (1 - (value - min) / span) * innerHeight)),
  }));
}

function range(values: readonly number[]): { min: number; span: number } {
  const min = Math.min(...values);
  return { min, span: Math.max(...values) - min };
}
