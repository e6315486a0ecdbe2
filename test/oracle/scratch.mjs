// Builds the scratch work dir for one scenario (etc dir, CODEX_HOME, git-initialised project) and the shared Codex CLI flags.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const VAR_RE = /\$\{(PROJECT|CODEX_HOME|WORK)\}/g;

export function readCase(scenarioDir) {
  const file = path.join(scenarioDir, "case.json");
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
}

export function createScratch(scenarioDir, caseCfg = readCase(scenarioDir)) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "warden-oracle-"));
  const dirs = {
    work,
    home: path.join(work, "home"),
    project: path.join(work, "project"),
    etc: path.join(work, "etc"),
  };
  for (const d of [dirs.home, dirs.project, dirs.etc]) fs.mkdirSync(d, { recursive: true });
  const vars = { PROJECT: dirs.project, CODEX_HOME: dirs.home, WORK: work };
  const substitute = (text) => text.replace(VAR_RE, (_, k) => vars[k]);

  const copyFile = (src, dst) => {
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    const buf = fs.readFileSync(src);
    fs.writeFileSync(dst, buf.includes(0) ? buf : substitute(buf.toString("utf8")));
    fs.chmodSync(dst, fs.statSync(src).mode & 0o777);
  };
  const copyTree = (src, dst) => {
    for (const ent of fs.readdirSync(src, { withFileTypes: true })) {
      const s = path.join(src, ent.name);
      const d = path.join(dst, ent.name);
      if (ent.isDirectory()) {
        fs.mkdirSync(d, { recursive: true });
        copyTree(s, d);
      } else copyFile(s, d);
    }
  };
  const from = (rel) => path.join(scenarioDir, rel);
  const has = (rel) => fs.existsSync(from(rel));

  if (has("etc")) copyTree(from("etc"), dirs.etc);
  if (has("requirements.toml")) copyFile(from("requirements.toml"), path.join(dirs.etc, "requirements.toml"));
  if (has("managed_config.toml")) copyFile(from("managed_config.toml"), path.join(dirs.etc, "managed_config.toml"));
  if (has("system-config.toml")) copyFile(from("system-config.toml"), path.join(dirs.etc, "config.toml"));
  if (has("home")) copyTree(from("home"), dirs.home);
  for (const f of fs.readdirSync(scenarioDir)) {
    if (f === "config.toml" || (f.endsWith(".config.toml") && f !== "system-config.toml")) {
      copyFile(from(f), path.join(dirs.home, f));
    }
  }
  if (has("project")) copyTree(from("project"), dirs.project);
  if (caseCfg.gitInit !== false) spawnSync("git", ["init", "-q", dirs.project]);
  if (caseCfg.trustProject) {
    const userCfg = path.join(dirs.home, "config.toml");
    const prev = fs.existsSync(userCfg) ? fs.readFileSync(userCfg, "utf8") : "";
    fs.writeFileSync(userCfg, `${prev}\n[projects.${JSON.stringify(dirs.project)}]\ntrust_level = "trusted"\n`);
  }
  const cwd = caseCfg.cwd ? path.join(dirs.project, caseCfg.cwd) : dirs.project;
  fs.mkdirSync(cwd, { recursive: true });

  const flags = [];
  for (const o of caseCfg.overrides ?? []) flags.push("-c", substitute(o));
  for (const f of caseCfg.enable ?? []) flags.push("--enable", f);
  for (const f of caseCfg.disable ?? []) flags.push("--disable", f);
  const profileFlags = caseCfg.profile ? ["-p", caseCfg.profile] : [];

  return {
    ...dirs,
    cwd,
    caseCfg,
    flags,
    profileFlags,
    hostname: caseCfg.hostname ?? null,
    remove: () => fs.rmSync(work, { recursive: true, force: true }),
  };
}
