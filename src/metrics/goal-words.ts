/**
 * Goal notifications as sentences a person reads: the goal's name, what it counts in words and
 * its period in the person's own days ("You reached 4 of 4 reviews for 30 Nov – 6 Dec 2026.").
 * The same text goes to the dashboard, email and chat.
 */
import { formatPeriod, metricWords } from "../contract/words.js";

export interface GoalMessage {
  title: string;
  body: string;
}

interface GoalFacts {
  title: string;
  metric: string;
  target: number;
  periodStart: Date;
  periodEnd: Date;
}

const periodOf = (goal: GoalFacts, zone: string) =>
  formatPeriod(goal.periodStart.toISOString(), goal.periodEnd.toISOString(), zone);

const counted = (goal: GoalFacts, current: number) =>
  `${current} of ${goal.target} ${metricWords(goal.metric, goal.target)}`;

export function goalProgressMessage(goal: GoalFacts, current: number, zone: string): GoalMessage {
  const percent = Math.floor(Math.min(100, (current / goal.target) * 100));
  return {
    title: `${goal.title}: ${current} of ${goal.target}`,
    body: `You are at ${counted(goal, current)} (${percent}%) for ${periodOf(goal, zone)}.`,
  };
}

export function goalReachedMessage(goal: GoalFacts, current: number, zone: string): GoalMessage {
  return {
    title: `Goal reached: ${goal.title}`,
    body: `You reached ${counted(goal, current)} for ${periodOf(goal, zone)}. Well done!`,
  };
}
