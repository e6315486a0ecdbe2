import { describe, expect, it } from "vitest";
import { analyzeShellCommand } from "./analyze-shell-command.ts";
import { networkDestinations } from "./network-destinations.ts";

/** Destinations of every command of `script`, flattened in order. */
function destinations(script: string): string[] {
  return analyzeShellCommand(script).commands.flatMap(networkDestinations);
}

describe("networkDestinations", () => {
  it.each([
    // URLs anywhere in the arguments and the environment
    ["curl -sSL https://Example.COM:8443/x?y#z", ["example.com"]],
    ["wget -qO- http://user:pw@mirror.example.net/a", ["mirror.example.net"]],
    ["tool --endpoint=wss://stream.example.io/ws ftp://files.example.org", ["stream.example.io", "files.example.org"]],
    ["curl http://[::1]:8080/ https://127.0.0.1/", ["::1", "127.0.0.1"]],
    ["HTTPS_PROXY=http://proxy.corp:3128 apt-get install -y jq", ["proxy.corp"]],
    ["psql postgres://me@db.example.com/app", ["db.example.com"]],
    ["aws s3 cp s3://bucket/key . && open file:///etc/hosts", []],
    ["curl https://$HOST/api", ["$HOST"]],
    // clients that name hosts without a scheme
    ["curl -o out.txt -H 'X: y' example.org/path", ["example.org"]],
    ["curl -x proxy.corp:8080 --url api.example.com", ["proxy.corp", "api.example.com"]],
    ["http POST api.example.com/items name=x", ["api.example.com"]],
    ["http :3000/health", ["localhost"]],
    ["ssh -p 2222 -i key -J jump.example.com deploy@prod.example.com uptime", ["jump.example.com", "prod.example.com"]],
    ["ssh ssh://git@gitlab.example.com:2222", ["gitlab.example.com"]],
    ["scp -P 22 file.txt user@Host.Example:/tmp/ ./local", ["host.example"]],
    ["rsync -avz -e ssh ./dir backup.example.com:/srv/ && rsync host2::module/ .", ["backup.example.com", "host2"]],
    ["sftp admin@files.example.com", ["files.example.com"]],
    ["nc -zv db.internal 5432", ["db.internal"]],
    ["nc -l 8080", []],
    ["telnet towel.blinkenlights.nl 23", ["towel.blinkenlights.nl"]],
    ["ping -c 3 8.8.8.8", ["8.8.8.8"]],
    ["dig @1.1.1.1 example.com MX +short", ["1.1.1.1", "example.com"]],
    ["nslookup -type=txt example.com 9.9.9.9", ["example.com", "9.9.9.9"]],
    ["host -t A example.net", ["example.net"]],
    ["mysql -h db.example.com -u root", ["db.example.com"]],
    ["cat < /dev/tcp/evil.example/80", ["evil.example"]],
    ["exec 3<>/dev/udp/10.0.0.1/53", ["10.0.0.1"]],
    // git remotes
    ["git clone git@github.com:org/repo.git", ["github.com"]],
    ["git clone --depth 1 -b main https://gitlab.com/x/y.git dir", ["gitlab.com"]],
    ["git -C repo fetch origin", []],
    ["git push ssh://git@git.example.com/r.git HEAD", ["git.example.com"]],
    ["git remote add upstream https://github.com/up/r", ["github.com"]],
    ["git submodule add git@bitbucket.org:t/lib.git lib", ["bitbucket.org"]],
    ["git ls-remote https://example.com/r.git", ["example.com"]],
    ["git status", []],
    // container registries
    ["docker pull ghcr.io/org/img:1", ["ghcr.io"]],
    ["docker pull localhost:5000/img", ["localhost"]],
    ["podman push quay.io/org/img@sha256:abc", ["quay.io"]],
    ["docker pull ubuntu:22.04", ["registry-1.docker.io"]],
    ["docker pull library/ubuntu", ["registry-1.docker.io"]],
    ["docker run ubuntu", []],
    // package managers' default registries
    ["npm install lodash", ["registry.npmjs.org"]],
    ["npm ci", ["registry.npmjs.org"]],
    ["npm --registry https://npm.corp install x", ["npm.corp"]],
    ["npm_config_registry=https://npm.corp/ npm i x", ["npm.corp"]],
    ["npm install --offline", []],
    ["npm run build", []],
    ["npx create-react-app app", ["registry.npmjs.org"]],
    ["yarn", ["registry.yarnpkg.com"]],
    ["pnpm add -D vitest", ["registry.npmjs.org"]],
    ["pip install requests", ["pypi.org", "files.pythonhosted.org"]],
    ["pip3.11 install -r requirements.txt", ["pypi.org", "files.pythonhosted.org"]],
    ["pip install -i https://pypi.internal/simple x", ["pypi.internal"]],
    ["pip install --no-index --find-links ./wheels x", []],
    [
      "pip install --extra-index-url https://extra.example/simple x",
      ["extra.example", "pypi.org", "files.pythonhosted.org"],
    ],
    ["python3 -m pip install git+https://github.com/a/b", ["github.com", "pypi.org", "files.pythonhosted.org"]],
    ["pip list", []],
    ["uv pip install x", ["pypi.org", "files.pythonhosted.org"]],
    ["uv add httpx", ["pypi.org", "files.pythonhosted.org"]],
    ["poetry install", ["pypi.org", "files.pythonhosted.org"]],
    ["cargo add serde", ["crates.io", "index.crates.io", "static.crates.io"]],
    ["cargo install ripgrep --offline", []],
    ["cargo test", []],
    ["go get github.com/x/y@v1", ["proxy.golang.org", "sum.golang.org"]],
    ["GOPROXY=direct go get github.com/x/y", ["github.com"]],
    ["GOPROXY=https://goproxy.corp go mod download", ["goproxy.corp"]],
    ["GOPROXY=off go mod tidy", []],
    ["gem install rails", ["rubygems.org"]],
    ["bundle install", ["rubygems.org"]],
    ["composer require monolog/monolog", ["repo.packagist.org"]],
    ["brew install jq", ["formulae.brew.sh", "ghcr.io"]],
    ["gh pr list", ["api.github.com", "github.com"]],
    ["apt-get install -y curl", []],
    ["sudo -E pip install x", ["pypi.org", "files.pythonhosted.org"]],
    ["ls -la", []],
  ])("%s → %j", (script, expected) => {
    expect(destinations(script)).toEqual(expected);
  });

  it("reports each host once per command", () => {
    const [curl] = analyzeShellCommand("curl https://a.example/1 https://A.example/2 a.example").commands;
    expect(networkDestinations(curl as never)).toEqual(["a.example"]);
  });

  it("finds destinations of nested and wrapped commands (a URL in a script argument counts for the shell too)", () => {
    const script = "sudo bash -c 'timeout 5 curl -s https://x.example' && echo $(wget -qO- y.example)";
    expect(analyzeShellCommand(script).commands.map((c) => [c.program, networkDestinations(c)])).toEqual([
      ["bash", ["x.example"]],
      ["curl", ["x.example"]],
      ["echo", []],
      ["wget", ["y.example"]],
    ]);
  });
});
