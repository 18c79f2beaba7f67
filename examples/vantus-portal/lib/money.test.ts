import { describe, expect, it } from "vitest";
import { formatCents } from "./money";

describe("formatCents", () => {
  it("formats dollars", () => {
    expect(formatCents(490000)).toBe("$4,900.00");
  });
});
