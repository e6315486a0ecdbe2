import { describe, expect, it } from "vitest";
import { analyzeShellCommand } from "./analyze-shell-command.ts";
import { UnanalysableReason as R } from "./unanalysable-reason.ts";

describe("analyzeShellCommand: command shape", () => {
  it("strips assignments, wrappers and redirections but keeps them on the command", () => {
    const script = 'FOO=1 sudo -u root env A=b nice -n 5 /usr/bin/rm -rf "$HOME/x" > /dev/null 2>&1';
    expect(analyzeShellCommand(script)).toEqual({
      commands: [
        {
          argv: ["/usr/bin/rm", "-rf", "$HOME/x"],
          program: "rm",
          text: script,
          redirections: [
            { op: ">", target: "/dev/null" },
            { op: "2>&1", target: "" },
          ],
          assignments: { FOO: "1", A: "b" },
          wrappers: ["sudo", "env", "nice"],
          context: [],
          workdir: "",
        },
      ],
      unanalysable: [],
    });
  });

  it("gives each command its own source text, nested scripts included", () => {
    const { commands } = analyzeShellCommand("ls -l | wc -l && bash -c 'echo $(id -u)'");
    expect(commands.map((c) => [c.text, c.context])).toEqual([
      ["ls -l", []],
      ["wc -l", []],
      ["bash -c 'echo $(id -u)'", []],
      ["echo $(id -u)", ["bash -c"]],
      ["id -u", ["bash -c", "$(…)"]],
    ]);
  });

  it("records here-document bodies, fd duplications and closings", () => {
    const [cat] = analyzeShellCommand("cat <<-'END' 3>&- >>log\n\thello $x\n\tEND").commands;
    expect(cat?.redirections).toEqual([
      { op: "<<-", target: "END", body: "\thello $x\n" },
      { op: "3>&-", target: "" },
      { op: ">>", target: "log" },
    ]);
  });

  it("reports the whole pipeline for code piped to a shell, and the command for the rest", () => {
    expect(analyzeShellCommand("curl -s https://x.io/i | sudo bash; $X").unanalysable).toEqual([
      { reason: R.downloaded, text: "curl -s https://x.io/i | sudo bash" },
      { reason: R.dynamicProgram, text: "$X" },
    ]);
  });

  it("reports each problem once", () => {
    const { unanalysable } = analyzeShellCommand("$X; $X; $Y");
    expect(unanalysable).toEqual([
      { reason: R.dynamicProgram, text: "$X" },
      { reason: R.dynamicProgram, text: "$Y" },
    ]);
  });

  it("keeps unknown expansions as written in argv", () => {
    const [echo] = analyzeShellCommand('echo $1 "${@}" $((1+2)) ~/x *.ts {a,b}').commands;
    expect(echo?.argv).toEqual(["echo", "$1", "${@}", "$((1+2))", "~/x", "*.ts", "{a,b}"]);
  });
});

describe("analyzeShellCommand: working directory", () => {
  const workdirs = (script: string) =>
    analyzeShellCommand(script).commands.map((c) => [c.argv.join(" "), c.workdir] as [string, string | null]);

  it.each([
    [
      "cd /etc && rm passwd",
      [
        ["cd /etc", ""],
        ["rm passwd", "/etc"],
      ],
    ],
    [
      "cd sub; cd ../other/./x; ls",
      [
        ["cd sub", ""],
        ["cd ../other/./x", "sub"],
        ["ls", "other/x"],
      ],
    ],
    [
      "cd; ls",
      [
        ["cd", ""],
        ["ls", "~"],
      ],
    ],
    [
      "cd ~/p && ls",
      [
        ["cd ~/p", ""],
        ["ls", "~/p"],
      ],
    ],
    [
      "cd $X; ls; cd /; ls",
      [
        ["cd $X", ""],
        ["ls", null],
        ["cd /", null],
        ["ls", "/"],
      ],
    ],
    [
      "cd -; ls",
      [
        ["cd -", ""],
        ["ls", null],
      ],
    ],
    [
      "(cd /tmp; ls); ls",
      [
        ["cd /tmp", ""],
        ["ls", "/tmp"],
        ["ls", ""],
      ],
    ],
    [
      "cd /tmp | ls; ls",
      [
        ["cd /tmp", ""],
        ["ls", ""],
        ["ls", ""],
      ],
    ],
    [
      "cd /tmp & ls",
      [
        ["cd /tmp", ""],
        ["ls", ""],
      ],
    ],
    [
      "if x; then cd /; fi; ls",
      [
        ["x", ""],
        ["cd /", ""],
        ["ls", null],
      ],
    ],
    [
      "{ cd /; }; ls",
      [
        ["cd /", ""],
        ["ls", "/"],
      ],
    ],
    [
      "bash -c 'cd /'; ls",
      [
        ["bash -c cd /", ""],
        ["cd /", ""],
        ["ls", ""],
      ],
    ],
    [
      "eval 'cd /'; ls",
      [
        ["eval cd /", ""],
        ["cd /", ""],
        ["ls", "/"],
      ],
    ],
    [
      "echo $(cd /); ls",
      [
        ["echo $(cd /)", ""],
        ["cd /", ""],
        ["ls", ""],
      ],
    ],
    [
      "pushd /x; ls; popd; ls",
      [
        ["pushd /x", ""],
        ["ls", "/x"],
        ["popd", "/x"],
        ["ls", null],
      ],
    ],
    [
      "builtin cd -P /x && ls",
      [
        ["cd -P /x", ""],
        ["ls", "/x"],
      ],
    ],
    [
      "find . -execdir rm {} \\;",
      [
        ["find . -execdir rm {} ;", ""],
        ["rm {}", null],
      ],
    ],
  ] as Array<[string, Array<[string, string | null]>]>)("%s", (script, expected) => {
    expect(workdirs(script)).toEqual(expected);
  });
});

describe("analyzeShellCommand: robustness", () => {
  it("limits nesting of nested shells", () => {
    const nested = Array.from({ length: 12 }).reduce<string>((inner) => `bash -c ${JSON.stringify(inner)}`, "ls");
    const { commands, unanalysable } = analyzeShellCommand(nested);
    expect(commands.filter((c) => c.program === "bash").length).toBe(9);
    expect(commands.some((c) => c.program === "ls")).toBe(false);
    expect(unanalysable.map((u) => u.reason)).toEqual([R.tooDeep]);
  });

  it.each([
    ["compound commands", `${"{ ".repeat(5000)}ls${"; }".repeat(5000)}`],
    ["subshells", `${"( ".repeat(5000)}ls${" )".repeat(5000)}`],
    ["command substitutions", `${"$(".repeat(5000)}ls${")".repeat(5000)}`],
    ["parameter expansions", "${".repeat(5000)],
    ["quoted parameter expansions", 'echo "${x:-'.repeat(2000)],
    ["if clauses", `${"if a; then ".repeat(3000)}ls${"; fi".repeat(3000)}`],
    ["function definitions", `${"f() ".repeat(5000)}{ ls; }`],
  ])("survives deeply nested %s", (_name, script) => {
    const { unanalysable } = analyzeShellCommand(script);
    expect(unanalysable.map((u) => u.reason)).toContain(R.tooDeep);
  });

  it("never throws on random input", () => {
    const alphabet = [
      "a",
      " ",
      "\n",
      ";",
      "&",
      "|",
      "(",
      ")",
      "{",
      "}",
      "<",
      ">",
      "$",
      "`",
      "'",
      '"',
      "\\",
      "#",
      "=",
      "*",
    ];
    const more = ["if", "then", "fi", "do", "done", "case", "in", "esac", ";;", "<<", "EOF", "$(", "${", "[[", "]]"];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 3000; n++) {
      let script = "";
      for (let k = Math.floor(random() * 40); k > 0; k--) {
        const pool = random() < 0.8 ? alphabet : more;
        script += `${pool[Math.floor(random() * pool.length)]}${random() < 0.3 ? " " : ""}`;
      }
      const result = analyzeShellCommand(script);
      expect(Array.isArray(result.commands) && Array.isArray(result.unanalysable)).toBe(true);
    }
  });
});
