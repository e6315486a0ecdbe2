import type { PositiveSample } from "./corpus-sample.ts";
import { ALPHABET, FakeSecrets } from "./fake-secret.ts";

/** The positive corpus: fake secrets in the contexts a Codex tool call shows them (≥ 150 samples). */
export function buildPositiveSamples(seed = 20260): PositiveSample[] {
  const f = new FakeSecrets(seed);
  const out: PositiveSample[] = [];
  const add = (rule: string, secrets: string[], text: string) => out.push({ rule, text, secrets });
  const one = (rule: string, secret: string, make: (s: string) => string) => add(rule, [secret], make(secret));

  // ---- AWS
  one("aws-access-key-id", `AKIA${f.draw(ALPHABET.base32, 16)}`, (s) => `export AWS_ACCESS_KEY_ID=${s}`);
  one("aws-access-key-id", `ASIA${f.draw(ALPHABET.base32, 16)}`, (s) => `aws_access_key_id = ${s}`);
  one(
    "aws-access-key-id",
    `AKIA${f.draw(ALPHABET.base32, 16)}`,
    (s) => `{"AccessKeyId": "${s}", "Expiration": "2026-01-01T00:00:00Z"}`,
  );
  one(
    "aws-access-key-id",
    `AKIA${f.draw(ALPHABET.base32, 16)}`,
    (s) => `client = boto3.client("s3", aws_access_key_id="${s}")`,
  );
  one("aws-secret-access-key", f.b64(40), (s) => `aws_secret_access_key = ${s}`);
  one("aws-secret-access-key", f.b64(40), (s) => `export AWS_SECRET_ACCESS_KEY="${s}"`);
  one("aws-secret-access-key", f.b64(40), (s) => `{"Credentials": {"SecretAccessKey": "${s}"}}`);
  one("aws-secret-access-key", f.b64(40), (s) => `aws configure set aws_secret_access_key ${s}`);
  one("aws-session-token", `IQoJb3JpZ2luX2Vj${f.b64(300)}`, (s) => `AWS_SESSION_TOKEN=${s}`);
  one("aws-session-token", `FwoGZXIvYXdz${f.b64(240)}`, (s) => `"SessionToken": "${s}",`);

  // ---- Google Cloud
  one(
    "gcp-api-key",
    `AIza${f.b64url(35)}`,
    (s) => `curl "https://maps.googleapis.com/maps/api/geocode/json?address=Paris&key=${s}"`,
  );
  one("gcp-api-key", `AIza${f.b64url(35)}`, (s) => `GEMINI_API_KEY=${s} python run.py`);
  one(
    "gcp-api-key",
    `AIza${f.b64url(35)}`,
    (s) => `const firebaseConfig = { apiKey: "${s}", authDomain: "demo.firebaseapp.com" };`,
  );
  one(
    "gcp-oauth-client-secret",
    `GOCSPX-${f.b64url(28)}`,
    (s) => `{"installed":{"client_id":"1234-abc.apps.googleusercontent.com","client_secret":"${s}"}}`,
  );
  one(
    "gcp-oauth-access-token",
    `ya29.${f.b64url(160)}`,
    (s) => `curl -H "Authorization: Bearer ${s}" https://www.googleapis.com/drive/v3/files`,
  );
  {
    const body = f.pemBody("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", 25, "\\n");
    const key = `-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n`;
    add(
      "private-key",
      [key.slice(0, -2)],
      `{"type": "service_account", "project_id": "demo-123", "private_key_id": "${f.hex(40)}", "private_key": "${key}", "client_email": "bot@demo-123.iam.gserviceaccount.com"}`,
    );
  }

  // ---- Azure
  one(
    "azure-connection-string-key",
    `${f.b64(86)}==`,
    (s) => `DefaultEndpointsProtocol=https;AccountName=demoacct;AccountKey=${s};EndpointSuffix=core.windows.net`,
  );
  one(
    "azure-connection-string-key",
    `${f.b64(43)}=`,
    (s) =>
      `Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${s}`,
  );
  one(
    "azure-connection-string-key",
    `${f.b64(86)}==`,
    (s) => `AccountEndpoint=https://demo.documents.azure.com:443/;AccountKey=${s};`,
  );
  one(
    "azure-sas-token",
    `${f.alnum(20)}%2B${f.alnum(18)}%2F${f.alnum(4)}%3D`,
    (s) =>
      `https://demo.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=${s}`,
  );
  one(
    "azure-sas-token",
    `${f.b64(43)}=`,
    (s) => `AZURE_STORAGE_SAS_TOKEN="sv=2021-06-08&ss=bfqt&srt=sco&sp=rwdlacupitfx&se=2026-02-01&sig=${s}"`,
  );
  one(
    "presigned-url-signature",
    f.hex(64),
    (s) =>
      `curl -o out.bin "https://bucket.s3.amazonaws.com/data.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${s}"`,
  );
  one(
    "presigned-url-signature",
    f.hex(256),
    (s) =>
      `https://storage.googleapis.com/b/o.txt?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Expires=900&X-Goog-Signature=${s}`,
  );
  one(
    "azure-ad-client-secret",
    `${f.alnum(3)}8Q~${f.draw(`${ALPHABET.alnum}_~.-`, 34)}`,
    (s) =>
      `az login --service-principal -u 00000000-0000-0000-0000-000000000000 -p '${s}' --tenant contoso.onmicrosoft.com`,
  );
  one(
    "azure-ad-client-secret",
    `${f.alnum(3)}7Q~${f.draw(`${ALPHABET.alnum}_~.-`, 34)}`,
    (s) => `AZURE_CLIENT_SECRET=${s}`,
  );

  // ---- GitHub / GitLab / registries
  for (const prefix of ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) {
    one("github-token", f.checksummed(prefix), (s) => `git clone https://${s}@github.com/acme/private-repo.git`);
  }
  one("github-token", f.checksummed("ghp_"), (s) => `export GITHUB_TOKEN=${s}`);
  one("github-token", f.checksummed("ghp_"), (s) => `gh auth login --with-token <<< ${s}`);
  one("github-token", f.checksummed("ghs_"), (s) => `{"token": "${s}", "expires_at": "2026-01-01T00:00:00Z"}`);
  one("github-fine-grained-pat", `github_pat_${f.alnum(22)}_${f.alnum(59)}`, (s) => `GH_TOKEN=${s} gh api /user`);
  one(
    "github-fine-grained-pat",
    `github_pat_${f.alnum(22)}_${f.alnum(59)}`,
    (s) => `//npm.pkg.github.com/:_authToken=${s}`,
  );
  one(
    "github-oauth-basic",
    f.hex(40),
    (s) => `git remote set-url origin https://${s}:x-oauth-basic@github.com/acme/app.git`,
  );
  one(
    "gitlab-token",
    `glpat-${f.b64url(20)}`,
    (s) => `curl --header "PRIVATE-TOKEN: ${s}" https://gitlab.example.com/api/v4/projects`,
  );
  one("gitlab-token", `glpat-${f.b64url(20)}`, (s) => `git clone https://oauth2:${s}@gitlab.com/acme/app.git`);
  one("gitlab-token", `gldt-${f.b64url(20)}`, (s) => `docker login registry.gitlab.com -u deploy -p ${s}`);
  one("gitlab-token", `glrt-${f.b64url(20)}`, (s) => `gitlab-runner register --url https://gitlab.com --token ${s}`);
  one(
    "gitlab-token",
    `glptt-${f.hex(40)}`,
    (s) => `curl -X POST -F token=${s} -F ref=main https://gitlab.com/api/v4/projects/1/trigger/pipeline`,
  );
  one("gitlab-token", `glcbt-64_${f.b64url(20)}`, (s) => `CI_JOB_TOKEN=${s}`);
  one("npm-token", f.checksummed("npm_"), (s) => `//registry.npmjs.org/:_authToken=${s}`);
  one("npm-token", f.checksummed("npm_"), (s) => `NPM_TOKEN=${s} npm publish`);
  one("npmrc-auth", btoa(`ci-bot:${f.alnum(16)}`), (s) => `//registry.example.com/:_auth=${s}`);
  one("npmrc-auth", f.alnum(24), (s) => `_authToken=${s}`);
  one("pypi-token", `pypi-AgEIcHlwaS5vcmc${f.b64url(160)}`, (s) => `twine upload -u __token__ -p ${s} dist/*`);
  one(
    "pypi-token",
    `pypi-AgENdGVzdC5weXBpLm9yZw${f.b64url(140)}`,
    (s) => `[testpypi]\nusername = __token__\npassword = ${s}`,
  );
  one("docker-hub-token", `dckr_pat_${f.b64url(27)}`, (s) => `echo ${s} | docker login -u acme --password-stdin`);
  one(
    "docker-config-auth",
    btoa(`acme:${f.alnum(20)}`),
    (s) => `{"auths": {"https://index.docker.io/v1/": {"auth": "${s}"}}}`,
  );

  // ---- AI providers
  one("openai-api-key", `sk-proj-${f.b64url(74)}T3BlbkFJ${f.b64url(74)}`, (s) => `export OPENAI_API_KEY=${s}`);
  one("openai-api-key", `sk-proj-${f.b64url(58)}T3BlbkFJ${f.b64url(58)}`, (s) => `client = OpenAI(api_key="${s}")`);
  one("openai-api-key", `sk-svcacct-${f.b64url(74)}T3BlbkFJ${f.b64url(74)}`, (s) => `OPENAI_API_KEY: ${s}`);
  one(
    "openai-api-key",
    `sk-admin-${f.b64url(58)}T3BlbkFJ${f.b64url(58)}`,
    (s) => `curl https://api.openai.com/v1/organization/users -H "Authorization: Bearer ${s}"`,
  );
  one("openai-api-key", `sk-${f.alnum(20)}T3BlbkFJ${f.alnum(20)}`, (s) => `openai.api_key = "${s}"`);
  one("openai-api-key", `sk-${f.hex(32)}`, (s) => `DEEPSEEK_API_KEY=${s}`);
  one("anthropic-api-key", `sk-ant-api03-${f.b64url(93)}AA`, (s) => `export ANTHROPIC_API_KEY=${s}`);
  one(
    "anthropic-api-key",
    `sk-ant-api03-${f.b64url(93)}AA`,
    (s) => `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${s}" -H "anthropic-version: 2023-06-01"`,
  );
  one("anthropic-api-key", `sk-ant-admin01-${f.b64url(93)}AA`, (s) => `{"anthropic": {"adminKey": "${s}"}}`);
  one("anthropic-api-key", `sk-ant-oat01-${f.b64url(93)}AA`, (s) => `CLAUDE_CODE_OAUTH_TOKEN=${s}`);
  one("huggingface-token", `hf_${f.draw(ALPHABET.letters, 34)}`, (s) => `huggingface-cli login --token ${s}`);
  one(
    "huggingface-token",
    `hf_${f.draw(ALPHABET.letters, 34)}`,
    (s) => `from huggingface_hub import login; login("${s}")`,
  );
  one("huggingface-token", `api_org_${f.draw(ALPHABET.letters, 34)}`, (s) => `HF_ORG_TOKEN=${s}`);
  one("groq-api-key", `gsk_${f.alnum(52)}`, (s) => `GROQ_API_KEY=${s}`);
  one("xai-api-key", `xai-${f.alnum(80)}`, (s) => `XAI_API_KEY="${s}"`);
  one("perplexity-api-key", `pplx-${f.alnum(48)}`, (s) => `{"env": {"PERPLEXITY_API_KEY": "${s}"}}`);
  one("replicate-api-token", `r8_${f.alnum(37)}`, (s) => `export REPLICATE_API_TOKEN=${s}`);

  // ---- messaging and SaaS
  one("slack-token", `xoxb-${f.digits(12)}-${f.digits(13)}-${f.alnum(24)}`, (s) => `SLACK_BOT_TOKEN=${s}`);
  one(
    "slack-token",
    `xoxp-${f.digits(12)}-${f.digits(12)}-${f.digits(13)}-${f.hex(32)}`,
    (s) => `curl -H "Authorization: Bearer ${s}" https://slack.com/api/auth.test`,
  );
  one(
    "slack-token",
    `xapp-1-A${f.draw(ALPHABET.upper, 10)}-${f.digits(13)}-${f.hex(64)}`,
    (s) => `app = App(app_token="${s}")`,
  );
  one("slack-token", `xoxe.xoxp-1-${f.alnum(150)}`, (s) => `{"refresh_token": "${s}"}`);
  one("slack-token", `xoxa-2-${f.digits(12)}-${f.digits(12)}-${f.hex(32)}`, (s) => `token: ${s}`);
  one(
    "slack-webhook-url",
    `services/T${f.draw(ALPHABET.upper, 9)}/B${f.draw(ALPHABET.upper, 11)}/${f.alnum(24)}`,
    (s) =>
      `curl -X POST -H 'Content-type: application/json' --data '{"text":"deploy done"}' https://hooks.slack.com/${s}`,
  );
  one(
    "slack-webhook-url",
    `workflows/T${f.draw(ALPHABET.upper, 9)}/A${f.draw(ALPHABET.upper, 11)}/${f.digits(18)}/${f.alnum(24)}`,
    (s) => `SLACK_WEBHOOK=https://hooks.slack.com/${s}`,
  );
  {
    const discord = () => `${FakeSecrets.base64url(f.digits(18).replace(/^0/, "1"))}.${f.b64url(6)}.${f.b64url(38)}`;
    one("discord-bot-token", discord(), (s) => `client.run("${s}")`);
    one(
      "discord-bot-token",
      discord(),
      (s) => `curl -H "Authorization: Bot ${s}" https://discord.com/api/v10/users/@me`,
    );
    one("discord-bot-token", discord(), (s) => `DISCORD_TOKEN=${s}`);
  }
  one("discord-webhook-url", f.b64url(68), (s) => `https://discord.com/api/webhooks/${f.digits(19)}/${s}`);
  one("telegram-bot-token", `${f.digits(10)}:AA${f.b64url(33)}`, (s) => `curl https://api.telegram.org/bot${s}/getMe`);
  one("telegram-bot-token", `${f.digits(9)}:AA${f.b64url(33)}`, (s) => `TELEGRAM_BOT_TOKEN=${s}`);
  one("twilio-api-key", `SK${f.hex(32)}`, (s) => `client = Client("${s}", api_secret, account_sid)`);
  one("secret-assignment", f.hex(32), (s) => `export TWILIO_AUTH_TOKEN=${s}`);
  one("sendgrid-api-key", `SG.${f.b64url(22)}.${f.b64url(43)}`, (s) => `SENDGRID_API_KEY=${s}`);
  one("sendgrid-api-key", `SG.${f.b64url(22)}.${f.b64url(43)}`, (s) => `sg = SendGridAPIClient("${s}")`);
  one(
    "mailgun-api-key",
    `key-${f.hex(32)}`,
    (s) => `curl -s --user 'api:${s}' https://api.mailgun.net/v3/mg.example.com/messages`,
  );
  one("secret-assignment", `${f.hex(32)}-${f.hex(8)}-${f.hex(8)}`, (s) => `MAILGUN_API_KEY=${s}`);
  one("stripe-secret-key", `sk_live_${f.alnum(99)}`, (s) => `STRIPE_SECRET_KEY=${s}`);
  one("stripe-secret-key", `sk_test_${f.alnum(24)}`, (s) => `stripe.api_key = "${s}"`);
  one("stripe-secret-key", `rk_live_${f.alnum(24)}`, (s) => `curl https://api.stripe.com/v1/charges -u ${s}:`);
  one(
    "stripe-webhook-secret",
    `whsec_${f.alnum(32)}`,
    (s) => `stripe listen --forward-to localhost:3000 # Ready! Your webhook signing secret is ${s}`,
  );
  one("square-token", `EAAA${f.b64url(60)}`, (s) => `SQUARE_ACCESS_TOKEN=${s}`);
  one("square-token", `sq0csp-${f.b64url(43)}`, (s) => `{"application_secret": "${s}"}`);
  one(
    "shopify-token",
    `shpat_${f.hex(32)}`,
    (s) => `curl -H "X-Shopify-Access-Token: ${s}" https://shop.myshopify.com/admin/api/2024-01/shop.json`,
  );
  one("shopify-token", `shpss_${f.hex(32)}`, (s) => `SHOPIFY_API_SECRET=${s}`);
  one(
    "datadog-api-key",
    f.hex(32),
    (s) => `DD_API_KEY=${s} bash -c "$(curl -L https://install.datadoghq.com/scripts/install_script_agent7.sh)"`,
  );
  one("datadog-api-key", f.hex(40), (s) => `export DD_APP_KEY="${s}"`);
  one(
    "datadog-api-key",
    f.hex(32),
    (s) => `curl -X GET "https://api.datadoghq.com/api/v1/validate" -H "DD-API-KEY: ${s}"`,
  );
  one("linear-api-key", `lin_api_${f.alnum(40)}`, (s) => `LINEAR_API_KEY=${s}`);
  one(
    "linear-api-key",
    `lin_api_${f.alnum(40)}`,
    (s) => `curl https://api.linear.app/graphql -H "Authorization: ${s}"`,
  );
  one("notion-token", `ntn_${f.digits(11)}${f.alnum(35)}`, (s) => `NOTION_TOKEN=${s}`);
  one("notion-token", `secret_${f.alnum(43)}`, (s) => `const notion = new Client({ auth: "${s}" })`);
  one(
    "atlassian-api-token",
    `ATATT3xFfGF0${f.b64url(170)}=${f.hex(8).toUpperCase()}`,
    (s) => `curl -u me@example.com:${s} https://acme.atlassian.net/rest/api/3/myself`,
  );
  one("atlassian-api-token", `ATATT3xFfGF0${f.b64url(170)}=${f.hex(8).toUpperCase()}`, (s) => `JIRA_API_TOKEN=${s}`);
  one("onepassword-token", `ops_eyJ${f.b64(300)}`, (s) => `export OP_SERVICE_ACCOUNT_TOKEN=${s}`);
  one(
    "onepassword-token",
    `A3-${f.draw(ALPHABET.upper, 6)}-${f.draw(ALPHABET.upper, 6)}-${f.draw(ALPHABET.upper, 5)}-${f.draw(ALPHABET.upper, 5)}-${f.draw(ALPHABET.upper, 5)}-${f.draw(ALPHABET.upper, 5)}`,
    (s) => `Secret Key: ${s}`,
  );
  one("grafana-token", `glc_${f.b64(120)}==`, (s) => `GRAFANA_CLOUD_TOKEN=${s}`);
  one(
    "grafana-token",
    `glsa_${f.alnum(32)}_${f.hex(8)}`,
    (s) => `curl -H "Authorization: Bearer ${s}" https://grafana.example.com/api/dashboards`,
  );
  one("hashicorp-vault-token", `hvs.${f.b64url(92)}`, (s) => `export VAULT_TOKEN=${s}`);
  one("hashicorp-vault-token", `hvs.${f.alnum(24)}`, (s) => `vault login ${s}`);
  one(
    "terraform-cloud-token",
    `${f.alnum(14)}.atlasv1.${f.b64url(67)}`,
    (s) => `credentials "app.terraform.io" {\n  token = "${s}"\n}`,
  );
  one("vercel-token", `vcp_${f.alnum(56)}`, (s) => `vercel deploy --prod --token=${s}`);
  one("figma-token", `figd_${f.b64url(40)}`, (s) => `curl -H "X-Figma-Token: ${s}" https://api.figma.com/v1/me`);
  one("postman-api-key", `PMAK-${f.hex(24)}-${f.hex(34)}`, (s) => `POSTMAN_API_KEY=${s}`);
  one("doppler-token", `dp.st.prd.${f.alnum(43)}`, (s) => `DOPPLER_TOKEN=${s} doppler run -- node app.js`);
  one("pulumi-access-token", `pul-${f.hex(40)}`, (s) => `export PULUMI_ACCESS_TOKEN=${s}`);
  one("sentry-token", `sntrys_eyJ${f.b64(120)}`, (s) => `SENTRY_AUTH_TOKEN=${s}`);
  one("supabase-token", `sbp_${f.hex(40)}`, (s) => `supabase login --token ${s}`);
  one("tailscale-key", `tskey-auth-${f.alnum(12)}-${f.alnum(33)}`, (s) => `tailscale up --authkey=${s}`);
  one("planetscale-token", `pscale_pw_${f.b64url(43)}`, (s) => `DATABASE_PASSWORD=${s}`);
  one("mapbox-secret-token", `sk.eyJ${f.b64url(60)}.${f.b64url(22)}`, (s) => `MAPBOX_DOWNLOADS_TOKEN=${s}`);
  one("netlify-token", `nfp_${f.alnum(40)}`, (s) => `netlify deploy --auth ${s}`);
  one("contentful-token", `CFPAT-${f.b64url(43)}`, (s) => `CONTENTFUL_MANAGEMENT_TOKEN=${s}`);
  one(
    "airtable-token",
    `pat${f.alnum(14)}.${f.hex(64)}`,
    (s) => `curl "https://api.airtable.com/v0/meta/whoami" -H "Authorization: Bearer ${s}"`,
  );
  one("digitalocean-token", `dop_v1_${f.hex(64)}`, (s) => `doctl auth init -t ${s}`);
  one("digitalocean-token", `dop_v1_${f.hex(64)}`, (s) => `DIGITALOCEAN_TOKEN=${s}`);
  one("heroku-api-key", `HRKU-AA${f.b64url(58)}`, (s) => `HEROKU_API_KEY=${s} heroku apps`);
  one("heroku-api-key", f.uuid(), (s) => `heroku_api_key: ${s}`);
  one("databricks-token", `dapi${f.hex(32)}`, (s) => `databricks configure --token <<< "${s}"`);
  one(
    "databricks-token",
    `dapi${f.hex(32)}-2`,
    (s) => `{"host": "https://adb-1.azuredatabricks.net", "token": "${s}"}`,
  );

  // ---- private keys
  {
    const block = (label: string, lead: string, lines: number) =>
      `-----BEGIN ${label}-----\n${f.pemBody(lead, lines)}\n-----END ${label}-----`;
    one(
      "private-key",
      block("RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA", 25),
      (s) => `cat > ~/.ssh/id_rsa <<'EOF'\n${s}\nEOF`,
    );
    one("private-key", block("PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", 26), (s) => `${s}\n`);
    one("private-key", block("EC PRIVATE KEY", "MHcCAQEEI", 3), (s) => `printf '%s' "${s}" > key.pem`);
    one(
      "private-key",
      block("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", 7),
      (s) => `apply_patch: *** Add File: deploy_key\n${s}`,
    );
    one("private-key", block("DSA PRIVATE KEY", "MIIBuwIBAAKBgQ", 10), (s) => s);
    one(
      "private-key",
      block("ENCRYPTED PRIVATE KEY", "MIIFHDBOBgkqhkiG9w0BBQ0w", 20),
      (s) => `key: |\n  ${s.replace(/\n/g, "\n  ")}`,
    );
    one(
      "private-key",
      `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${f.pemBody("lQOYBF", 20)}\n=${f.b64(4)}\n-----END PGP PRIVATE KEY BLOCK-----`,
      (s) => `gpg --import <<EOF\n${s}\nEOF`,
    );
    one(
      "private-key",
      `-----BEGIN RSA PRIVATE KEY----- ${f.pemBody("MIIEowIBAAKCAQEA", 4, " ")} -----END RSA PRIVATE KEY-----`,
      (s) => `PRIVATE_KEY="${s}"`,
    );
    // Truncated output (`head -5 key.pem`): no END line, the body is still redacted.
    one(
      "private-key",
      `-----BEGIN RSA PRIVATE KEY-----\n${f.pemBody("MIIEowIBAAKCAQEA", 4)}`,
      (s) => `$ head -5 id_rsa\n${s}`,
    );
    one(
      "putty-private-key",
      f.pemBody("AAABAQ", 14),
      (s) =>
        `PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: imported\nPublic-Lines: 6\n${f.pemBody("AAAAB3NzaC1yc2E", 6)}\nPrivate-Lines: 14\n${s}\nPrivate-MAC: ${f.hex(40)}`,
    );
    one(
      "age-secret-key",
      `AGE-SECRET-KEY-1${f.draw("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)}`,
      (s) => `# created: 2026-01-01\n# public key: age1${f.draw("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58)}\n${s}`,
    );
  }

  // ---- JWT and headers
  {
    const jwt = (payload: string) =>
      `${FakeSecrets.base64url('{"alg":"HS256","typ":"JWT"}')}.${FakeSecrets.base64url(payload)}.${f.b64url(43)}`;
    one(
      "jwt",
      jwt(`{"sub":"${f.digits(10)}","name":"Jane","iat":1716239022}`),
      (s) => `curl -H "Authorization: Bearer ${s}" https://api.example.com/me`,
    );
    one("jwt", jwt(`{"sub":"${f.uuid()}","role":"admin"}`), (s) => `localStorage.setItem("session", "${s}")`);
    one(
      "jwt",
      jwt(`{"iss":"supabase","ref":"${f.alnum(20)}","role":"service_role"}`),
      (s) => `SUPABASE_SERVICE_ROLE_KEY=${s}`,
    );
    one("jwt", jwt(`{"aud":"api","exp":1916239022}`), (s) => `Cookie: session=${s}; theme=dark`);
    one(
      "authorization-header",
      btoa(`admin:${f.alnum(14)}`),
      (s) => `curl -H "Authorization: Basic ${s}" https://jenkins.internal/api/json`,
    );
    one("authorization-header", f.alnum(40), (s) => `fetch(url, { headers: { "Authorization": "Token ${s}" } })`);
    one("authorization-header", f.b64url(48), (s) => `-H 'authorization: Bearer ${s}'`);
    one("bearer-token", f.b64url(64), (s) => `http GET https://api.example.com/items Bearer ${s}`);
    one("bearer-token", `${f.alnum(32)}.${f.alnum(16)}`, (s) => `headers = {"X-Auth": "Bearer ${s}"}`);
  }

  // ---- URLs and connection strings
  const pw = () => `${f.alnum(10)}${f.draw("!*_-", 1)}${f.digits(2)}`;
  one(
    "url-credentials",
    pw(),
    (s) => `curl https://deploy:${s}@artifacts.example.com/releases/app.tar.gz -o app.tar.gz`,
  );
  one("url-credentials", pw(), (s) => `ftp://backup:${s}@ftp.example.org/dumps/`);
  one("url-credentials", pw(), (s) => `pip install --index-url https://ci:${s}@pypi.internal.example.com/simple pkg`);
  one("url-credentials", "hunter2", (s) => `git clone https://alice:${s}@git.example.com/team/repo.git`);
  one("url-credentials", pw(), (s) => `HTTPS_PROXY=http://proxyuser:${s}@proxy.corp.example:3128`);
  one("database-url-password", pw(), (s) => `DATABASE_URL=postgres://app:${s}@db.internal:5432/app?sslmode=require`);
  one("database-url-password", pw(), (s) => `psql "postgresql://postgres:${s}@localhost/postgres"`);
  one("database-url-password", pw(), (s) => `mongosh "mongodb+srv://admin:${s}@cluster0.abcde.mongodb.net/test"`);
  one("database-url-password", pw(), (s) => `MONGO_URI=mongodb://root:${s}@mongo:27017/?authSource=admin`);
  one("database-url-password", pw(), (s) => `REDIS_URL=redis://:${s}@redis.internal:6379/0`);
  one("database-url-password", pw(), (s) => `REDIS_URL=rediss://default:${s}@redis-12345.c1.cloud.redislabs.com:12345`);
  one("database-url-password", pw(), (s) => `amqp://guest:${s}@rabbitmq:5672/vhost`);
  one("database-url-password", pw(), (s) => `spring.datasource.url=jdbc:mysql://app:${s}@db:3306/shop`);
  one("database-url-password", pw(), (s) => `engine = create_engine("mysql+pymysql://u:${s}@10.0.0.5/db")`);
  one(
    "connection-string-password",
    pw(),
    (s) => `Server=tcp:demo.database.windows.net,1433;Initial Catalog=app;User ID=sa;Password=${s};Encrypt=True;`,
  );
  one(
    "connection-string-password",
    `${f.alnum(6)} ${f.alnum(6)}`,
    (s) => `"ConnectionStrings": {"Default": "Data Source=db;Initial Catalog=x;User Id=sa;Password=${s}"}`,
  );
  one("connection-string-password", pw(), (s) => `Driver={ODBC Driver 18 for SQL Server};Server=db;Uid=app;Pwd=${s};`);
  one("connection-string-password", pw(), (s) => `Password=${s};Host=pg;Username=app;Database=shop`);
  one("netrc-password", pw(), (s) => `machine api.heroku.com\n  login me@example.com\n  password ${s}`);
  one("netrc-password", pw(), (s) => `echo "machine github.com login bot password ${s}" >> ~/.netrc`);

  // ---- command-line flags
  one("mysql-password-flag", pw(), (s) => `mysql -h db.internal -u root -p${s} shop < dump.sql`);
  one("mysql-password-flag", pw(), (s) => `mysqldump -uroot -p'${s}' --all-databases > all.sql`);
  one("mysql-password-flag", pw(), (s) => `mysql -u app -p ${s} -e "select 1"`);
  one("cli-password-flag", pw(), (s) => `sshpass -p '${s}' ssh admin@10.0.0.7 uptime`);
  one("cli-password-flag", pw(), (s) => `redis-cli -h cache -a ${s} PING`);
  one("cli-password-flag", pw(), (s) => `sqlcmd -S localhost -U sa -P ${s} -Q "SELECT 1"`);
  one("cli-password-flag", pw(), (s) => `docker login -u ci -p ${s} registry.example.com`);
  one("curl-user-password", pw(), (s) => `curl -u admin:${s} https://jenkins.internal/job/build/api/json`);
  one("curl-user-password", pw(), (s) => `curl --user "svc:${s}" -X POST https://api.internal/v1/reindex`);
  one("secret-flag", pw(), (s) => `psql-migrate --password ${s} --host db`);
  one("secret-flag", f.alnum(32), (s) => `terraform-provider-x --api-token=${s}`);
  one("secret-flag", pw(), (s) => `openssl pkcs12 -export -in cert.pem --passphrase "${s}"`);
  one("secret-flag", f.alnum(40), (s) => `./deploy.sh --client-secret ${s} --env prod`);
  one("secret-flag", pw(), (s) => `mongodump --username admin --password "${s}" --db shop`);

  // ---- secret-looking names
  one("secret-assignment", "hunter2", (s) => `PASSWORD=${s} ./start.sh`);
  one("secret-assignment", pw(), (s) => `export PGPASSWORD='${s}'`);
  one("secret-assignment", pw(), (s) => `MYSQL_ROOT_PASSWORD=${s}`);
  one("secret-assignment", pw(), (s) => `docker run -e POSTGRES_PASSWORD=${s} -d postgres:16`);
  one("secret-assignment", "correct horse battery staple", (s) => `{"username": "alice", "password": "${s}"}`);
  one("secret-assignment", pw(), (s) => `db:\n  user: app\n  password: ${s}\n  host: db.internal`);
  one("secret-assignment", pw(), (s) => `[database]\npassword = "${s}"`);
  one("secret-assignment", pw(), (s) => `conn = psycopg2.connect(host="db", user="app", password="${s}")`);
  one("secret-assignment", pw(), (s) => `const config = { user: "app", password: '${s}' };`);
  one("secret-assignment", pw(), (s) => `cfg := Config{User: "app", Password: "${s}"}`);
  one("secret-assignment", pw(), (s) => `'password' => '${s}',`);
  one("secret-assignment", pw(), (s) => `spring.datasource.password=${s}`);
  one("secret-assignment", pw(), (s) => `DB_PASS=${s}`);
  one("secret-assignment", pw(), (s) => `SMTP_PASSWD=${s}`);
  one("secret-assignment", pw(), (s) => `"passphrase": "${s}"`);
  one(
    "secret-assignment",
    `django-insecure-${f.draw(`${ALPHABET.lower}${ALPHABET.digits}!@#%^&*(-_=+)`, 50)}`,
    (s) => `SECRET_KEY = '${s}'`,
  );
  one("secret-assignment", f.hex(128), (s) => `SECRET_KEY_BASE=${s}`);
  one("secret-assignment", f.b64(44), (s) => `JWT_SECRET=${s}`);
  one("secret-assignment", f.b64(44), (s) => `ENCRYPTION_KEY="${s}"`);
  one("secret-assignment", f.alnum(32), (s) => `export API_KEY=${s}`);
  one("secret-assignment", f.alnum(40), (s) => `apiKey: "${s}"`);
  one("secret-assignment", f.hex(32), (s) => `CLIENT_SECRET=${s}`);
  one("secret-assignment", f.alnum(24), (s) => `client_secret: ${s}`);
  one("secret-assignment", f.uuid(), (s) => `API_KEY=${s}`);
  one("secret-assignment", f.alnum(48), (s) => `curl "https://api.example.com/v1/search?q=shoes&api_key=${s}&page=2"`);
  one("secret-assignment", f.b64url(40), (s) => `https://app.example.com/callback#access_token=${s}&token_type=bearer`);
  one("secret-assignment", f.alnum(36), (s) => `curl -H "X-Api-Key: ${s}" https://api.example.com/v2/items`);
  one("secret-assignment", f.alnum(32), (s) => `$env:OPENWEATHER_API_KEY = "${s}"`);
  one("secret-assignment", f.hex(64), (s) => `env:\n  WEBHOOK_SECRET: ${s}`);
  one("secret-assignment", f.alnum(30), (s) => `access_token = "${s}"`);
  one("secret-assignment", f.alnum(40), (s) => `refreshToken: '${s}',`);
  one("secret-assignment", f.b64(32), (s) => `data:\n  password: ${s}`);
  one("secret-assignment", f.alnum(26), (s) => `AUTH_TOKEN=${s} npm test`);
  one("secret-assignment", f.hex(40), (s) => `private_key = "${s}"`);
  one("secret-assignment", f.alnum(20), (s) => `ConsumerKey=${s}`);
  one("secret-assignment", f.alnum(32), (s) => `{\\"api_key\\":\\"${s}\\"}`);
  one("secret-assignment", pw(), (s) => `kubectl create secret generic db --from-literal=password=${s}`);
  one("secret-assignment", pw(), (s) => `ansible-playbook site.yml -e "ansible_become_pass=${s}"`);
  one("secret-assignment", pw(), (s) => `MYSQL_PWD=${s} mysql -u root`);
  one(
    "secret-xml-element",
    pw(),
    (s) => `<server>\n  <id>nexus</id>\n  <username>deploy</username>\n  <password>${s}</password>\n</server>`,
  );
  one("secret-xml-element", f.alnum(32), (s) => `<add key="ClearTextPassword" value="x" /><apiKey>${s}</apiKey>`);
  add(
    "secret-assignment",
    ["s3cret-One", "s3cret-Two"],
    "USER_PASSWORD=s3cret-One ADMIN_PASSWORD=s3cret-Two ./seed.sh",
  );
  {
    const id = `AKIA${f.draw(ALPHABET.base32, 16)}`;
    const secret = f.b64(40);
    add(
      "aws-secret-access-key",
      [id, secret],
      `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\nregion = eu-west-1`,
    );
  }
  return out;
}
