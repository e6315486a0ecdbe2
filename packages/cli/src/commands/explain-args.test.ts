import { describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.ts";
import { main } from "../main.ts";
import { explainHelp, parseExplainArgv } from "./explain-args.ts";

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    env: {},
    cwd: process.cwd(),
  };
  return io;
}

describe("parseExplainArgv", () => {
  it("fills every option, with defaults for the ones not given", () => {
    const parsed = parseExplainArgv("explain", [
      "--etc-dir",
      "etc",
      "-c",
      "a=1",
      "--config=b=2",
      "--enable",
      "x",
      "--json",
    ]);
    expect(parsed).toEqual({
      options: {
        etcDir: "etc",
        codexHome: undefined,
        cwd: undefined,
        profile: undefined,
        config: ["a=1", "b=2"],
        enable: ["x"],
        disable: [],
        hostname: undefined,
        mdmPlist: undefined,
        cloudRequirements: [],
        codexVersion: "0.169.0",
        json: true,
      },
    });
  });

  it("words bad flags as commander does", () => {
    expect(parseExplainArgv("explain", ["--bogus"])).toEqual({ usage: "unknown option '--bogus'" });
    expect(parseExplainArgv("explain", ["-z"])).toEqual({ usage: "unknown option '-z'" });
    expect(parseExplainArgv("doctor", ["--etc-dir"])).toEqual({ usage: "option '--etc-dir <dir>' argument missing" });
    expect(parseExplainArgv("doctor", ["-c"])).toEqual({ usage: "option '-c, --config <key=value>' argument missing" });
    expect(parseExplainArgv("explain", ["here", "there"])).toEqual({
      usage: "too many arguments for 'explain'. Expected 0 arguments but got 2.",
    });
  });

  it("takes values inline, attached to a short flag, and after --", () => {
    const parsed = parseExplainArgv("explain", ["--etc-dir=a=b", "-cx=1", "--cwd", "-", "--profile="]);
    expect(parsed).toMatchObject({ options: { etcDir: "a=b", config: ["x=1"], cwd: "-", profile: "" } });
    expect(parseExplainArgv("explain", ["--json", "--", "--etc-dir"])).toEqual({
      usage: "too many arguments for 'explain'. Expected 0 arguments but got 1.",
    });
    expect(parseExplainArgv("explain", ["--json=yes"])).toEqual({ usage: "option '--json' takes no argument" });
    expect(parseExplainArgv("explain", ["--etc-dir", "--json"])).toEqual({
      usage: "option '--etc-dir <dir>' argument missing",
    });
  });

  it("asks for help wherever -h or --help appears", () => {
    expect(parseExplainArgv("explain", ["--json", "-h"])).toEqual({ help: true });
    expect(parseExplainArgv("explain", ["--bogus", "--help"])).toEqual({ help: true });
  });
});

describe("warden explain / doctor argument handling", () => {
  it("prints help on stdout and exits 0", async () => {
    const io = captureIo();
    expect(await main(["doctor", "--help"], io)).toBe(0);
    expect(io.out).toBe(
      explainHelp("doctor", "Explain what Codex will run with on this machine, for this user, in this directory"),
    );
    expect(io.out).toContain(
      '--codex-version <version>    the Codex version to simulate (0.169.0) (default: "0.169.0")',
    );
  });

  it("answers a bad flag with the error, the help, exit 2 and nothing on stdout", async () => {
    const io = captureIo();
    expect(await main(["explain", "--bogus"], io)).toBe(2);
    expect(io.out).toBe("");
    expect(io.err.startsWith("error: unknown option '--bogus'\n\nUsage: warden explain [options]")).toBe(true);
  });

  it("still lists explain and doctor, with the same flags, in the full CLI's help", async () => {
    const io = captureIo();
    await main(["help", "explain"], io);
    for (const line of explainHelp("explain", "")
      .split("\n")
      .filter((text) => text.startsWith("  -"))) {
      const flag = line.trim().split(/\s{2,}/)[0]!;
      expect(io.out).toContain(flag);
    }
    const all = captureIo();
    await main(["--help"], all);
    expect(all.out).toMatch(/\n {2}explain \[options\] +Simulate Codex's effective configuration/);
    expect(all.out).toMatch(/\n {2}doctor \[options\] +Explain what Codex will run with/);
  });
});
