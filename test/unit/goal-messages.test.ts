/** Goal notifications and their emails read as sentences (issue 19, "words for people"). */
import { describe, expect, it } from "vitest";
import { goalProgressMessage, goalReachedMessage } from "../../src/metrics/goal-words.js";
import { emailFor } from "../../src/notify/deliver-email.js";

const goal = {
  title: "4 reviews weekly",
  metric: "reviews_submitted",
  target: 4,
  // Monday 30 November to Monday 7 December, midnight in Berlin.
  periodStart: new Date("2026-11-29T23:00:00.000Z"),
  periodEnd: new Date("2026-12-06T23:00:00.000Z"),
};

describe("goal messages", () => {
  it("names the metric and the period in the person's own days", () => {
    expect(goalReachedMessage(goal, 4, "Europe/Berlin")).toEqual({
      title: "Goal reached: 4 reviews weekly",
      body: "You reached 4 of 4 reviews for 30 Nov – 6 Dec 2026. Well done!",
    });
    expect(goalProgressMessage(goal, 3, "Europe/Berlin")).toEqual({
      title: "4 reviews weekly: 3 of 4",
      body: "You are at 3 of 4 reviews (75%) for 30 Nov – 6 Dec 2026.",
    });
    // The same instants are 29 Nov – 6 Dec in UTC.
    expect(goalProgressMessage(goal, 3, "UTC").body).toContain("29 Nov – 6 Dec 2026");
  });
});

describe("notification emails", () => {
  const notification = {
    id: 42,
    kind: "goal.completed" as const,
    title: "Goal reached: <ship> & more",
    body: "You reached 4 of 4 reviews for 30 Nov – 6 Dec 2026. Well done!",
  };

  it("has a plain-text and an HTML part, each linking to the page it is about", () => {
    const email = emailFor(notification, "robin@example.com", "https://ghsync.example.com");
    expect(email.subject).toBe("Goal reached: <ship> & more");
    expect(email.text).toBe(
      "You reached 4 of 4 reviews for 30 Nov – 6 Dec 2026. Well done!\n\n" +
        "Open your goals: https://ghsync.example.com/goals\n\n" +
        "-- \nghsync notification 42 (goal.completed)\n",
    );
    expect(email.html).toContain("<h1");
    expect(email.html).toContain("Goal reached: &#60;ship&#62; &#38; more");
    expect(email.html).toContain('<a href="https://ghsync.example.com/goals">Open your goals</a>');
  });

  it("carries no link when the dashboard's address is not configured", () => {
    const email = emailFor({ ...notification, kind: "sync.completed" as const }, "robin@example.com");
    expect(email.text).not.toContain("http");
    expect(email.html).not.toContain("<a ");
  });
});
