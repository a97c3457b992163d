/** A goal as printed: its id in the plan and its text ("Mål E: Sygedagpengeområdet – …"). */
export function goalLabel(planGoalId: string, text: string | null): string {
  return text ? `${planGoalId}: ${text}` : planGoalId;
}
