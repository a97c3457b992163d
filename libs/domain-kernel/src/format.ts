/** Danish number format: `.` groups thousands, `,` is the decimal mark (2.113; 1,9). */
export function formatNumberDa(value: number, decimals: number): string {
  return format(value, decimals, '.', ',');
}

export function formatNumberEn(value: number, decimals: number): string {
  return format(value, decimals, ',', '.');
}

function format(value: number, decimals: number, group: string, decimal: string): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${fraction ? decimal + fraction : ''}`;
}
