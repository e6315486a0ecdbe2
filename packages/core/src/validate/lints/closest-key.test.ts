import { describe, expect, it } from "vitest";
import { closestKey, editDistance } from "./closest-key.ts";

const KNOWN = [
  "allowed_sandbox_modes",
  "allowed_approval_policies",
  "allowed_web_search_modes",
  "mcp_servers",
  "rules",
  "otel",
  "url",
];

describe("closestKey", () => {
  it.each([
    ["allowed_sandbox_mode", "allowed_sandbox_modes"],
    ["allowd_sandbox_modes", "allowed_sandbox_modes"],
    ["allowed-sandbox-modes", "allowed_sandbox_modes"],
    ["Allowed_Sandbox_Modes", "allowed_sandbox_modes"],
    ["alowed_aproval_policies", "allowed_approval_policies"],
    ["mcp_server", "mcp_servers"],
    ["rlues", "rules"],
    ["uri", "url"],
    ["completely_different", null],
    ["x", null],
  ])("%s → %s", (key, expected) => {
    expect(closestKey(key, KNOWN)).toBe(expected);
  });

  it.each([
    ["", "", 0],
    ["abc", "abc", 0],
    ["abc", "acb", 1],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
  ])("editDistance(%j, %j) = %d", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});
