import { describe, expect, it } from "vitest";
import { analyzeShellCommand } from "./analyze-shell-command.ts";
import { pathsTouched } from "./paths-touched.ts";

const CWD = "/w/p";

/** Reads and writes of every command of `script`, merged in order. */
function touched(script: string): { reads: string[]; writes: string[] } {
  const reads: string[] = [];
  const writes: string[] = [];
  for (const command of analyzeShellCommand(script).commands) {
    const paths = pathsTouched(command, CWD);
    reads.push(...paths.reads);
    writes.push(...paths.writes);
  }
  return { reads, writes };
}

describe("pathsTouched", () => {
  it.each([
    // redirections
    ["cat a.txt ../b > out.log 2>/dev/null", ["/w/p/a.txt", "/w/b"], ["/w/p/out.log"]],
    ["sort < in.txt >> ~/sorted &> all.log", ["/w/p/in.txt"], ["~/sorted", "/w/p/all.log"]],
    ["cmd 3<> rw.bin 2>&1 >&- <<EOF\nbody\nEOF", ["/w/p/rw.bin"], ["/w/p/rw.bin"]],
    ["echo hi >/dev/stderr > /dev/tcp/h/1 >/dev/fd/3", [], []],
    // reading programs, options with values skipped
    ["head -n 5 -c10 a b", ["/w/p/a", "/w/p/b"], []],
    ["tail -f -n 100 /var/log/syslog", ["/var/log/syslog"], []],
    ["less ./x/../y.md", ["/w/p/y.md"], []],
    ["grep -rn -e foo -e bar src lib", ["/w/p/src", "/w/p/lib"], []],
    ["grep -n pattern file.txt", ["/w/p/file.txt"], []],
    ["grep -f pats.txt data", ["/w/p/pats.txt", "/w/p/data"], []],
    ["grep -r TODO", ["/w/p"], []],
    ["rg -g '*.ts' TODO", ["/w/p"], []],
    ["rg TODO src", ["/w/p/src"], []],
    ["sed -n 1,5p y", ["/w/p/y"], []],
    ["sed -i.bak -e s/a/b/ x.txt", ["/w/p/x.txt"], ["/w/p/x.txt"]],
    ["awk -F: '{print $1}' /etc/passwd", ["/etc/passwd"], []],
    ["jq .name package.json", ["/w/p/package.json"], []],
    ["diff -u a b", ["/w/p/a", "/w/p/b"], []],
    ["find src -name '*.pyc'", ["/w/p/src"], []],
    ["find . -name '*.pyc' -delete", [], ["/w/p"]],
    ["find -L /a /b -type f -fprint out.txt", ["/a", "/b"], ["/w/p/out.txt"]],
    // writing programs
    ["rm -rf build/ ~/.cache/x", [], ["/w/p/build", "~/.cache/x"]],
    ["touch -r ref.txt new.txt", ["/w/p/ref.txt"], ["/w/p/new.txt"]],
    ["mkdir -p -m 755 a/b", [], ["/w/p/a/b"]],
    ["echo x | tee -a log1 /tmp/log2", [], ["/w/p/log1", "/tmp/log2"]],
    ["truncate -s 0 big.log", [], ["/w/p/big.log"]],
    ["chmod -R 755 bin", [], ["/w/p/bin"]],
    ["chown --reference=ref a", [], ["/w/p/a"]],
    ["cp -r a b dest/", ["/w/p/a", "/w/p/b"], ["/w/p/dest"]],
    ["cp -t dir a b", ["/w/p/a", "/w/p/b"], ["/w/p/dir"]],
    ["mv old new", ["/w/p/old"], ["/w/p/old", "/w/p/new"]],
    ["ln -sf /usr/bin/python3 py", [], ["/w/p/py"]],
    ["ln -s /opt/tool/bin/tool", [], ["/w/p/tool"]],
    ["install -m 755 app /usr/local/bin/app", ["/w/p/app"], ["/usr/local/bin/app"]],
    ["dd if=/dev/zero of=disk.img bs=1M", [], ["/w/p/disk.img"]],
    ["tar czf out.tgz src docs", ["/w/p/src", "/w/p/docs"], ["/w/p/out.tgz"]],
    ["tar -xzf a.tgz -C /opt", ["/w/p/a.tgz"], ["/opt"]],
    ["tar tf a.tar", ["/w/p/a.tar"], []],
    ["zip -r out.zip src", ["/w/p/src"], ["/w/p/out.zip"]],
    ["unzip a.zip", ["/w/p/a.zip"], ["/w/p"]],
    ["unzip a.zip -d /tmp/x", ["/w/p/a.zip"], ["/tmp/x"]],
    ["gzip -k big.log", ["/w/p/big.log"], ["/w/p/big.log"]],
    ["gzip -dc a.gz", ["/w/p/a.gz"], []],
    ["vim ~/.bashrc", ["~/.bashrc"], ["~/.bashrc"]],
    ["code -g src/a.ts:10", ["/w/p/src/a.ts:10"], ["/w/p/src/a.ts:10"]],
    ["curl -fsSL -o f.zip https://x -d @body.json -F file=@up.bin", ["/w/p/body.json", "/w/p/up.bin"], ["/w/p/f.zip"]],
    ["wget -O - -i urls.txt -P dl https://x", ["/w/p/urls.txt"], ["/w/p/dl"]],
    ["scp user@host:/etc/passwd ./copy", [], ["/w/p/copy"]],
    ["rsync -a src/ host:/backup/", ["/w/p/src"], []],
    // scripts run by shells and interpreters
    ["python3 script.py arg", ["/w/p/script.py"], []],
    ["python3 -m pytest tests", [], []],
    ["python3 -c 'print(1)' file", [], []],
    ["bash ./install.sh --yes", ["/w/p/install.sh"], []],
    ["bash -c 'cat secret'", ["/w/p/secret"], []],
    ["node --require ./hook.js server.js", ["/w/p/server.js"], []],
    ["source ~/.profile", ["~/.profile"], []],
    // working directory changes and unresolvable paths
    ["cd /etc && rm -rf passwd", [], ["/etc/passwd"]],
    ["cd sub && cat ../x", ["/w/p/x"], []],
    ["cd $DIR && rm -rf build /tmp/x", [], ["build", "/tmp/x"]],
    ["head $HOME/x ${HOME}/y $TMP/z", ["~/x", "~/y", "$TMP/z"], []],
    ["cat ~user/notes", ["~user/notes"], []],
    ["git add . && make", [], []],
  ])("%s", (script, reads, writes) => {
    expect(touched(script)).toEqual({ reads, writes });
  });

  it("reads the files an apply_patch invocation changes from its here-document", () => {
    const script =
      "apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: a.txt\n+hi\n*** Delete File: /tmp/old\n*** End Patch\nEOF";
    expect(touched(script)).toEqual({ reads: [], writes: ["/w/p/a.txt", "/tmp/old"] });
  });
});
