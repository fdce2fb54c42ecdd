package dev.nome.core.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes the scrubber's corpus files: secrets in the right formats with random bodies (never real
 * ones) in the contexts where agents leak them, realistic secret-free lines that naive scanners
 * flag, private key blocks and public blocks. The output is committed under
 * src/test/resources/dev/nome/core/secrets/corpus; run again with the same seed to reproduce it:
 *
 * <pre>java core/src/test/java/dev/nome/core/secrets/CorpusGenerator.java \
 *     core/src/test/resources/dev/nome/core/secrets/corpus</pre>
 *
 * <p>Uses the JDK only, so it runs as a single source file.
 */
public final class CorpusGenerator {

  private final Random rnd;

  CorpusGenerator(long seed) {
    this.rnd = new Random(seed);
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    Files.createDirectories(dir);
    CorpusGenerator g = new CorpusGenerator(20261126L);
    Files.write(dir.resolve("positive.tsv"), g.positives(), StandardCharsets.UTF_8);
    Files.write(dir.resolve("negative.txt"), g.negatives(), StandardCharsets.UTF_8);
    Files.write(dir.resolve("key-blocks.txt"), g.keyBlocks(), StandardCharsets.UTF_8);
    Files.write(dir.resolve("public-blocks.txt"), g.publicBlocks(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ random pieces

  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";
  static final String B62 = DIGITS + UPPER + LOWER;
  static final String HEX = "0123456789abcdef";
  static final String B64 = UPPER + LOWER + DIGITS + "+/";
  static final String URL = UPPER + LOWER + DIGITS + "-_";

  String pick(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  String b62(int n) {
    return pick(B62, n);
  }

  String hex(int n) {
    return pick(HEX, n);
  }

  String b64(int n) {
    return pick(B64, n);
  }

  String url(int n) {
    return pick(URL, n);
  }

  String up(int n) {
    return pick(UPPER + DIGITS, n);
  }

  String letters(int n) {
    return pick(UPPER + LOWER, n);
  }

  String digits(int n) {
    return pick("123456789", 1) + pick(DIGITS, n - 1);
  }

  String uuid() {
    return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
  }

  <T> T oneOf(List<T> items) {
    return items.get(rnd.nextInt(items.size()));
  }

  String password() {
    String symbols = "!#^*_+=-~";
    StringBuilder sb = new StringBuilder();
    sb.append(pick(UPPER, 1)).append(pick(LOWER, 3)).append(pick(DIGITS, 2));
    sb.append(pick(symbols, 1)).append(pick(LOWER + UPPER + DIGITS + symbols, 7 + rnd.nextInt(8)));
    return sb.toString();
  }

  String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  String base64(String s) {
    return base64(s.getBytes(StandardCharsets.UTF_8));
  }

  byte[] bytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  String github(String prefix) {
    String body = b62(30);
    return prefix + "|" + body + Checksums.base62Crc32(body);
  }

  /** NOME device token: base62 of 20 random bytes padded to 27, then CRC32 of prefix and body. */
  String deviceToken() {
    java.math.BigInteger n = new java.math.BigInteger(1, bytes(20));
    StringBuilder body = new StringBuilder();
    java.math.BigInteger b = java.math.BigInteger.valueOf(62);
    while (n.signum() > 0) {
      java.math.BigInteger[] qr = n.divideAndRemainder(b);
      body.append(B62.charAt(qr[1].intValue()));
      n = qr[0];
    }
    while (body.length() < 27) {
      body.append('0');
    }
    String s = "nome_dt_" + body.reverse();
    return "nome_dt_|" + s.substring(8) + Checksums.base62Crc32(s);
  }

  String pemBody(int lines) {
    StringBuilder sb = new StringBuilder();
    String all = base64(bytes(lines * 48));
    for (int i = 0; i < all.length(); i += 64) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(all, i, Math.min(all.length(), i + 64));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ positives

  /** A secret: its kind, the token with '|' after the part that may stay visible. */
  record Secret(String kind, String marked) {
    String token() {
      return marked.replace("|", "");
    }

    String body() {
      int bar = marked.indexOf('|');
      return bar < 0 ? marked : marked.substring(bar + 1);
    }

    String env() {
      return kind.toUpperCase(Locale.ROOT).replace('-', '_');
    }
  }

  /** Tokens that identify themselves by their format: they may appear in any context. */
  List<Supplier<Secret>> freeTokens() {
    List<Supplier<Secret>> l = new ArrayList<>();
    l.add(() -> new Secret("anthropic-api-key", "sk-ant-|api03-" + url(93) + "AA"));
    l.add(() -> new Secret("anthropic-admin-key", "sk-ant-|admin01-" + url(93) + "AA"));
    l.add(() -> new Secret("anthropic-oauth-token", "sk-ant-|oat01-" + url(93) + "AA"));
    l.add(() -> new Secret("openai-project-key", "sk-proj-|" + url(74) + "T3BlbkFJ" + url(74)));
    l.add(
        () ->
            new Secret(
                "openai-service-account-key", "sk-svcacct-|" + url(74) + "T3BlbkFJ" + url(74)));
    l.add(() -> new Secret("openai-admin-key", "sk-admin-|" + url(74) + "T3BlbkFJ" + url(74)));
    l.add(() -> new Secret("openai-legacy-key", "sk-|" + b62(20) + "T3BlbkFJ" + b62(20)));
    l.add(() -> new Secret("openrouter-api-key", "sk-or-v1-|" + hex(64)));
    l.add(() -> new Secret("langfuse-secret-key", "sk-lf-|" + uuid()));
    l.add(() -> new Secret("deepseek-api-key", "sk-|" + hex(32)));
    l.add(() -> new Secret("sk-prefixed-key", "sk-|" + b62(12) + "-" + b62(40)));
    l.add(() -> new Secret("google-api-key", "AIza|" + url(35)));
    l.add(() -> new Secret("google-oauth-client-secret", "GOCSPX-|" + url(28)));
    l.add(() -> new Secret("google-oauth-access-token", "ya29.|" + url(150)));
    l.add(() -> new Secret("google-oauth-refresh-token", "1//0|" + url(100)));
    l.add(() -> new Secret("groq-api-key", "gsk_|" + b62(52)));
    l.add(() -> new Secret("xai-api-key", "xai-|" + b62(80)));
    l.add(() -> new Secret("huggingface-token", "hf_|" + letters(34)));
    l.add(() -> new Secret("huggingface-org-token", "api_org_|" + letters(34)));
    l.add(() -> new Secret("replicate-api-token", "r8_|" + b62(37)));
    l.add(() -> new Secret("perplexity-api-key", "pplx-|" + b62(48)));
    l.add(() -> new Secret("langsmith-api-key", "lsv2_pt_|" + hex(32) + "_" + hex(10)));
    l.add(() -> new Secret("pinecone-api-key", "pcsk_|" + b62(5) + "_" + b62(60)));
    l.add(() -> new Secret("tavily-api-key", "tvly-|" + b62(32)));
    l.add(() -> new Secret("aws-access-key-id", "AKIA|" + pick(UPPER + "234567", 16)));
    l.add(() -> new Secret("aws-access-key-id", "ASIA|" + pick(UPPER + "234567", 16)));
    l.add(() -> new Secret("aws-session-token", "|IQoJb3JpZ2luX2VjE" + b64(300) + "=="));
    l.add(() -> new Secret("azure-client-secret", "|" + b62(3) + digits(1) + "Q~" + url(34)));
    l.add(() -> new Secret("alibaba-access-key-id", "LTAI|" + b62(20)));
    l.add(() -> new Secret("cloudflare-origin-ca-key", "v1.0-|" + hex(24) + "-" + hex(146)));
    l.add(() -> new Secret("digitalocean-token", "dop_v1_|" + hex(64)));
    l.add(() -> new Secret("heroku-api-key", "HRKU-|" + url(60)));
    l.add(() -> new Secret("vercel-token", "vcp_|" + b62(56)));
    l.add(() -> new Secret("netlify-token", "nfp_|" + b62(40)));
    l.add(() -> new Secret("fly-io-token", "fm2_|" + b64(240)));
    l.add(() -> new Secret("supabase-access-token", "sbp_|" + hex(40)));
    l.add(() -> new Secret("supabase-secret-key", "sb_secret_|" + url(31)));
    l.add(() -> new Secret("planetscale-token", "pscale_tkn_|" + url(43)));
    l.add(() -> new Secret("databricks-token", "dapi|" + hex(32)));
    l.add(() -> new Secret("new-relic-key", "NRAK-|" + up(27)));
    l.add(() -> new Secret("grafana-cloud-token", "glc_|" + b64(120)));
    l.add(() -> new Secret("grafana-service-account-token", "glsa_|" + b62(32) + "_" + hex(8)));
    l.add(() -> new Secret("grafana-api-key", "|eyJrIjoi" + b62(72)));
    l.add(() -> new Secret("dynatrace-token", "dt0c01.|" + up(24) + "." + up(64)));
    l.add(() -> new Secret("sentry-auth-token", "sntrys_|" + url(120)));
    l.add(() -> new Secret("github-pat", github("ghp_")));
    l.add(() -> new Secret("github-oauth-token", github("gho_")));
    l.add(() -> new Secret("github-user-token", github("ghu_")));
    l.add(() -> new Secret("github-app-token", github("ghs_")));
    l.add(() -> new Secret("github-refresh-token", github("ghr_")));
    l.add(() -> new Secret("github-fine-grained-pat", "github_pat_|" + b62(22) + "_" + b62(59)));
    l.add(() -> new Secret("gitlab-pat", "glpat-|" + url(20)));
    l.add(() -> new Secret("gitlab-runner-token", "glrt-|" + url(27)));
    l.add(() -> new Secret("gitlab-runner-registration-token", "GR1348941|" + url(20)));
    l.add(() -> new Secret("gitlab-deploy-token", "gldt-|" + url(20)));
    l.add(() -> new Secret("gitlab-pipeline-trigger-token", "glptt-|" + hex(40)));
    l.add(() -> new Secret("gitlab-feed-token", "glft-|" + url(20)));
    l.add(() -> new Secret("gitlab-ci-job-token", "glcbt-|" + url(24)));
    l.add(() -> new Secret("bitbucket-app-password", "ATBB|" + b62(32)));
    l.add(() -> new Secret("atlassian-api-token", "ATATT3|" + url(180)));
    l.add(() -> new Secret("npm-access-token", "npm_|" + b62(36)));
    l.add(() -> new Secret("pypi-token", "pypi-|AgEIcHlwaS5vcmc" + url(150)));
    l.add(() -> new Secret("rubygems-api-key", "rubygems_|" + hex(48)));
    l.add(() -> new Secret("dockerhub-token", "dckr_pat_|" + url(27)));
    l.add(() -> new Secret("sonarqube-token", "sqp_|" + hex(40)));
    l.add(() -> new Secret("circleci-token", "CCIPAT_|" + b62(22) + "_" + hex(40)));
    l.add(() -> new Secret("postman-api-key", "PMAK-|" + hex(24) + "-" + hex(34)));
    l.add(() -> new Secret("doppler-token", "dp.st.|" + b62(44)));
    l.add(() -> new Secret("pulumi-access-token", "pul-|" + hex(40)));
    l.add(() -> new Secret("terraform-cloud-token", "|" + b62(14) + ".atlasv1." + url(67)));
    l.add(() -> new Secret("vault-token", "hvs.|" + url(90)));
    l.add(
        () ->
            new Secret(
                "slack-bot-token", "xoxb-|" + digits(12) + "-" + digits(13) + "-" + b62(24)));
    l.add(
        () ->
            new Secret(
                "slack-user-token",
                "xoxp-|" + digits(12) + "-" + digits(12) + "-" + digits(13) + "-" + hex(32)));
    l.add(
        () ->
            new Secret("slack-app-token", "xapp-|1-A0" + up(9) + "-" + digits(13) + "-" + hex(64)));
    l.add(() -> new Secret("slack-token", "xoxe.|xoxp-1-" + b62(140)));
    l.add(
        () ->
            new Secret(
                "slack-webhook",
                "https://hooks.slack.com/services/|T" + up(8) + "/B" + up(10) + "/" + b62(24)));
    l.add(
        () ->
            new Secret(
                "discord-webhook",
                "https://discord.com/api/webhooks/|" + digits(18) + "/" + url(68)));
    l.add(() -> new Secret("telegram-bot-token", "|" + digits(10) + ":AA" + url(33)));
    l.add(() -> new Secret("stripe-secret-key", "sk_live_|" + b62(99)));
    l.add(() -> new Secret("stripe-secret-key", "sk_test_|" + b62(99)));
    l.add(() -> new Secret("stripe-restricted-key", "rk_live_|" + b62(99)));
    l.add(() -> new Secret("stripe-webhook-secret", "whsec_|" + b64(32)));
    l.add(() -> new Secret("square-token", "|sq0csp-" + url(43)));
    l.add(() -> new Secret("shopify-access-token", "shpat_|" + hex(32)));
    l.add(() -> new Secret("shopify-shared-secret", "shpss_|" + hex(32)));
    l.add(() -> new Secret("sendgrid-api-key", "SG.|" + url(22) + "." + url(43)));
    l.add(() -> new Secret("mailgun-api-key", "key-|" + hex(32)));
    l.add(() -> new Secret("brevo-api-key", "xkeysib-|" + hex(64) + "-" + b62(16)));
    l.add(() -> new Secret("mapbox-secret-token", "sk.|eyJ" + url(60) + "." + url(22)));
    l.add(() -> new Secret("linear-api-key", "lin_api_|" + b62(40)));
    l.add(() -> new Secret("notion-token", "ntn_|" + digits(11) + b62(35)));
    l.add(() -> new Secret("notion-token", "secret_|" + b62(43)));
    l.add(
        () ->
            new Secret(
                "age-secret-key",
                "AGE-SECRET-KEY-1|" + pick("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)));
    l.add(() -> new Secret("nome-device-token", deviceToken()));
    l.add(
        () ->
            new Secret(
                "jwt", "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.|eyJ" + url(120) + "." + url(86)));
    return l;
  }

  static final List<String> FREE_CONTEXTS =
      List.of(
          "export %K=%s",
          "%K=%s",
          "  \"%k\": \"%s\",",
          "%k: %s",
          "%k = \"%s\"",
          "{'%k': '%s', 'timeout': 30, 'retries': 3}",
          "curl -sS -H \"Authorization: Bearer %s\" https://api.example.com/v1/models",
          "> Authorization: Bearer %s",
          "git remote add origin https://oauth2:%s@gitlab.com/acme/app.git",
          "//registry.npmjs.org/:_authToken=%s",
          "machine api.github.com login bot password %s",
          "java.lang.IllegalArgumentException: rejected credentials %s for tenant acme",
          "    at com.acme.client.ApiClient.call(ApiClient.java:88) [key=%s]",
          "  + %k = \"%s\"",
          "app       4242  0.3  1.2 1234567 78900 ?  Ssl  10:42   0:03 /usr/local/bin/worker"
              + " --token %s --port 8080",
          "2026-05-01T12:00:00.123Z DEBUG request headers: {'x-api-key': '%s', 'accept': '*/*'}",
          "docker run --rm -e %K=%s acme/app:1.4",
          "[%s]",
          "Using credential %s for upload to s3://acme-artifacts",
          "echo '%s' | gh auth login --with-token",
          "      %K: %s",
          "ENV %K=%s",
          "kubectl create secret generic app --from-literal=%k=%s",
          "set %K=%s && npm run deploy",
          "  File \"/app/client.py\", line 12, in <module>: Client(api_key='%s')");

  List<String> positives() {
    List<String> out = new ArrayList<>();
    out.add("# kind<TAB>secret bodies (space separated)<TAB>line. Generated by CorpusGenerator.");
    List<Supplier<Secret>> free = freeTokens();
    int c = 0;
    for (Supplier<Secret> s : free) {
      for (int i = 0; i < 9; i++) {
        Secret secret = s.get();
        String ctx = FREE_CONTEXTS.get((c++ * 7 + i) % FREE_CONTEXTS.size());
        String line =
            ctx.replace("%K", secret.env())
                .replace("%k", secret.kind().replace('-', '_'))
                .replace("%s", secret.token());
        out.add(secret.kind() + "\t" + bodies(secret) + "\t" + line);
      }
    }
    // Two secrets on one line.
    for (int i = 0; i < 30; i++) {
      Secret a = oneOf(free).get();
      Secret b = oneOf(free).get();
      out.add(
          a.kind() + "\t" + bodies(a) + " " + bodies(b) + "\t" + a.env() + "=" + a.token() + " "
              + b.env() + "=" + b.token());
    }
    contextual(out);
    return out;
  }

  private String bodies(Secret s) {
    if (s.kind().equals("jwt")) {
      return String.join(" ", s.body().split("\\."));
    }
    return s.body();
  }

  private void add(List<String> out, String kind, String line, String... bodies) {
    out.add(kind + "\t" + String.join(" ", bodies) + "\t" + line);
  }

  private void contextual(List<String> out) {
    for (int i = 0; i < 9; i++) {
      String k = b62(32);
      add(
          out,
          "mistral-api-key",
          oneOf(
                  List.of(
                      "MISTRAL_API_KEY=%s",
                      "mistral_api_key: \"%s\"", "export MISTRAL_API_KEY='%s'"))
              .formatted(k),
          k);
      String aws = b64(40);
      add(
          out,
          "aws-secret-access-key",
          oneOf(
                  List.of(
                      "aws_secret_access_key = %s",
                      "AWS_SECRET_ACCESS_KEY=%s",
                      "  \"SecretAccessKey\": \"%s\",",
                      "export AWS_SECRET_ACCESS_KEY=\"%s\""))
              .formatted(aws),
          aws);
      String st = "FwoGZXIvYXdzE" + b64(250);
      add(
          out,
          "aws-session-token",
          oneOf(
                  List.of(
                      "aws_session_token = %s",
                      "  \"SessionToken\": \"%s\",", "AWS_SESSION_TOKEN=%s"))
              .formatted(st),
          st);
      String az = b64(86);
      add(
          out,
          "azure-storage-key",
          "DefaultEndpointsProtocol=https;AccountName=acmestore;AccountKey="
              + az
              + "==;EndpointSuffix=core.windows.net",
          az);
      String sig = b64(43);
      add(
          out,
          "azure-sas-signature",
          "https://acmestore.blob.core.windows.net/builds/app.zip?sv=2022-11-02&ss=b&srt=o&sp=r"
              + "&se=2026-12-01T00:00:00Z&spr=https&sig="
              + sig
              + "%3D",
          sig);
      String cf = url(40);
      add(out, "cloudflare-api-token", "CLOUDFLARE_API_TOKEN=" + cf, cf);
      String hk = uuid();
      add(out, "heroku-api-key", "HEROKU_API_KEY=" + hk, hk);
      String vc = b62(24);
      add(out, "vercel-token", "VERCEL_TOKEN=" + vc, vc);
      String dd = hex(32);
      add(
          out,
          "datadog-api-key",
          oneOf(List.of("DD_API_KEY=%s", "datadog_api_key: %s")).formatted(dd),
          dd);
      String da = hex(40);
      add(out, "datadog-app-key", "DD_APP_KEY=" + da, da);
      String dsn = hex(32);
      add(
          out,
          "sentry-dsn",
          oneOf(
                  List.of(
                      "SENTRY_DSN=https://%s@o%s.ingest.sentry.io/%s",
                      "  dsn: \"https://%s@o%s.ingest.us.sentry.io/%s\""))
              .formatted(dsn, digits(6), digits(7)),
          dsn);
      String disc = "MT" + b62(22) + "." + url(6) + "." + url(38);
      add(
          out,
          "discord-bot-token",
          oneOf(
                  List.of(
                      "DISCORD_BOT_TOKEN=%s",
                      "discord:\n  token: %s", "client.login('%s') # discord"))
              .formatted(disc)
              .replace("\n", " "),
          disc);
      String tw = hex(32);
      add(out, "twilio-auth-token", "TWILIO_AUTH_TOKEN=" + tw, tw);
      String mg = hex(32) + "-" + hex(8) + "-" + hex(8);
      add(out, "mailgun-api-key", "MAILGUN_API_KEY=" + mg, mg);
      String vt = "s." + b62(24);
      add(out, "vault-token", "VAULT_TOKEN=" + vt, vt.substring(2));
      String npmuuid = uuid();
      add(out, "npm-auth-token", "//npm.pkg.github.com/:_authToken=" + npmuuid, npmuuid);
      String npmauth = base64("ci-bot:" + password());
      add(out, "npm-auth-token", "_auth=" + npmauth, npmauth);
      String pemLines = pemBody(20);
      String[] pl = pemLines.split("\n");
      add(
          out,
          "gcp-service-account-key",
          "  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n"
              + pemLines.replace("\n", "\\n")
              + "\\n-----END PRIVATE KEY-----\\n\",",
          pl);
      String pem2 = pemBody(14);
      add(
          out,
          "pem-private-key",
          oneOf(
                  List.of(
                      "PRIVATE_KEY=\"-----BEGIN RSA PRIVATE KEY-----\\n%s\\n-----END RSA PRIVATE KEY-----\"",
                      "{\"key\": \"-----BEGIN EC PRIVATE KEY-----\\n%s\\n-----END EC PRIVATE KEY-----\\n\"}"))
              .formatted(pem2.replace("\n", "\\n")),
          pem2.split("\n"));
      String ssh = pemBody(6);
      add(
          out,
          "openssh-private-key",
          "deploy_key: \"-----BEGIN OPENSSH PRIVATE KEY-----\\n"
              + ssh.replace("\n", "\\n")
              + "\\n-----END OPENSSH PRIVATE KEY-----\"",
          ssh.split("\n"));
      String mac = hex(64);
      add(out, "putty-private-key", "Private-MAC: " + mac, mac);
      String tlsKey =
          base64(
              "-----BEGIN RSA PRIVATE KEY-----\n"
                  + pemBody(10)
                  + "\n-----END RSA PRIVATE KEY-----\n");
      add(out, "kubernetes-secret-key", "  tls.key: " + tlsKey, chunks(tlsKey));
      String ck =
          base64(
              "-----BEGIN EC PRIVATE KEY-----\n" + pemBody(3) + "\n-----END EC PRIVATE KEY-----\n");
      add(out, "kubeconfig-client-key", "    client-key-data: " + ck, chunks(ck));
      String dcj =
          base64("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + base64("bot:" + password()) + "\"}}}");
      add(out, "kubernetes-docker-config", "  .dockerconfigjson: " + dcj, chunks(dcj));
      String auth = base64(oneOf(List.of("ci", "deploy", "bot")) + ":" + password());
      add(
          out,
          "docker-config-auth",
          oneOf(
                  List.of(
                      "\t\t\"auth\": \"%s\"",
                      "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"%s\"}}}"))
              .formatted(auth),
          auth);
      String pw = password();
      String host = oneOf(List.of("db.internal", "10.0.3.7", "postgres", "cluster0.mongodb.net"));
      add(
          out,
          "url-password",
          oneOf(
                  List.of(
                      "DATABASE_URL=postgres://app:%s@%s:5432/app",
                      "mongodb+srv://admin:%s@%s/?retryWrites=true",
                      "redis://default:%s@%s:6379/0",
                      "git clone https://ci-user:%s@%s/acme/app.git",
                      "amqp://guest2:%s@%s:5672/",
                      "jdbc:mysql://app:%s@%s:3306/app"))
              .formatted(pw, host),
          pw);
      String bt = b62(40);
      add(
          out,
          "authorization-bearer",
          oneOf(
                  List.of(
                      "> Authorization: Bearer %s",
                      "curl -H 'Authorization: Bearer %s' https://api.acme.dev/v2/items",
                      "headers = {'Authorization': 'Bearer %s'}"))
              .formatted(bt),
          bt);
      String basic = base64("admin:" + password());
      add(
          out,
          "authorization-basic",
          oneOf(List.of("> Authorization: Basic %s", "Authorization: Basic %s")).formatted(basic),
          basic);
      String tok = b62(40);
      add(out, "authorization-header", "Authorization: token " + tok, tok);
      String p1 = password();
      add(
          out,
          "cli-password-flag",
          oneOf(
                  List.of(
                      "psql-wrapper --host db --password=%s --dbname app",
                      "mysql -h db -u root -p%s app < dump.sql",
                      "docker login -u ci-bot -p %s registry.acme.dev",
                      "vault login --token=%s",
                      "app  88  0.0  0.1 2345 678 ? S 10:00 0:00 /opt/sync --api-key %s",
                      "sshpass -p %s ssh deploy@10.0.0.5"))
              .formatted(p1),
          p1);
      String p0 = password();
      add(
          out,
          "netrc-password",
          oneOf(
                  List.of(
                      "machine api.heroku.com login dev@acme.dev password %s",
                      "machine nexus.acme.dev password %s"))
              .formatted(p0),
          p0);
      String p2 = password();
      add(
          out,
          "curl-user-password",
          oneOf(
                  List.of(
                      "curl -u admin:%s https://jenkins.acme.dev/api/json",
                      "curl -sS --user ci:%s -X POST https://nexus.acme.dev/upload"))
              .formatted(p2),
          p2);
      String p3 = password();
      add(
          out,
          "connection-string-password",
          oneOf(
                  List.of(
                      "Server=tcp:acme.database.windows.net,1433;Database=app;User ID=app;Password=%s;Encrypt=true;",
                      "jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=%s;encrypt=false"))
              .formatted(p3),
          p3);
      String p4 = password();
      add(
          out,
          "generic-password",
          oneOf(
                  List.of(
                      "DB_PASSWORD=%s",
                      "  password: \"%s\"",
                      "spring.datasource.password=%s",
                      "PGPASSWORD=%s psql -h db -U app",
                      "{'user': 'app', 'password': '%s'}",
                      "password = %s",
                      "jdbc:postgresql://db:5432/app?user=app&password=%s",
                      "REDIS_PASSWORD: %s",
                      "machine nexus.acme.dev login deploy password %s"))
              .formatted(p4),
          p4);
      String s5 = oneOf(List.of(b62(50), hex(64), b64(44), url(43)));
      add(
          out,
          "generic-secret",
          oneOf(
                  List.of(
                      "SECRET_KEY=%s",
                      "  client_secret: \"%s\"",
                      "\"api_key\": \"%s\",",
                      "app.jwt.signing_key=%s",
                      "WEBHOOK_SECRET='%s'",
                      "access_token = \"%s\"",
                      "{'token': '%s', 'expires_in': 3600}",
                      "x-api-key: %s",
                      "  + secret_string = \"%s\"",
                      "ENCRYPTION_KEY=%s",
                      "--client-secret %s"))
              .formatted(s5),
          s5);
    }
  }

  /** For a long value: 40-character pieces, so recall counts every part of it. */
  private static String[] chunks(String s) {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < s.length(); i += 40) {
      l.add(s.substring(i, Math.min(s.length(), i + 40)));
    }
    return l.toArray(String[]::new);
  }

  // ------------------------------------------------------------------ negatives

  List<String> negatives() {
    Set<String> out = new LinkedHashSet<>();
    List<Supplier<String>> t = new ArrayList<>();
    t.add(() -> "commit " + hex(40));
    t.add(() -> "Merge: " + hex(7) + " " + hex(7));
    t.add(() -> hex(7) + " Fix token refresh when the session expires (#" + digits(4) + ")");
    t.add(() -> "HEAD is now at " + hex(7) + " Bump lodash from 4.17.20 to 4.17.21");
    t.add(() -> "remote: Resolving deltas: 100% (" + digits(3) + "/" + digits(3) + "), done.");
    t.add(
        () ->
            "From github.com:acme/app\n".strip() + " * branch            main       -> FETCH_HEAD");
    t.add(() -> "   " + hex(7) + ".." + hex(7) + "  main -> origin/main");
    t.add(() -> "GITHUB_SHA=" + hex(40));
    t.add(() -> "digest: sha256:" + hex(64) + " size: " + digits(4));
    t.add(() -> "ghcr.io/acme/app@sha256:" + hex(64));
    t.add(() -> "#" + digits(1) + " sha256:" + hex(64) + " 12.5MB / 48.1MB 2.3s");
    t.add(() -> " => => writing image sha256:" + hex(64) + "  0.0s");
    t.add(() -> "      \"integrity\": \"sha512-" + b64(86) + "==\",");
    t.add(() -> "  integrity sha512-" + b64(86) + "==");
    t.add(() -> "      \"resolved\": \"https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz\",");
    t.add(() -> "github.com/stretchr/testify v1.9.0 h1:" + b64(43) + "=");
    t.add(() -> "checksum = \"" + hex(64) + "\"");
    t.add(() -> "    --hash=sha256:" + hex(64) + " \\");
    t.add(() -> "sha256sum: " + hex(64) + "  app-linux-amd64.tar.gz");
    t.add(() -> "ETag: \"" + hex(32) + "\"");
    t.add(() -> "request_id=" + uuid() + " status=200 duration_ms=" + digits(2));
    t.add(() -> "  \"id\": \"" + uuid() + "\",");
    t.add(() -> "x-request-id: " + uuid());
    t.add(() -> "trace_id=" + hex(32) + " span_id=" + hex(16));
    t.add(() -> "Created work item " + uuid() + " for run " + uuid());
    t.add(() -> "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA" + b64(200) + "\">");
    t.add(
        () -> "  src: url(data:font/woff2;base64,d09GMgABAAAAA" + b64(300) + ") format('woff2');");
    t.add(() -> "background-image: url(\"data:image/svg+xml;base64," + b64(160) + "\");");
    t.add(() -> "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + b64(43) + " dev@laptop");
    t.add(() -> "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + b64(300) + " ci@runner");
    t.add(() -> "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAI" + b64(100) + " host");
    t.add(
        () ->
            "|1|" + b64(27) + "=|" + b64(27) + "= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + b64(43));
    t.add(() -> "password: ${DB_PASSWORD}");
    t.add(() -> "  token: \"${{ secrets.GITHUB_TOKEN }}\"");
    t.add(() -> "export API_KEY=$(vault kv get -field=api_key secret/acme/app)");
    t.add(() -> "Authorization: Bearer $TOKEN");
    t.add(() -> "curl -H \"Authorization: Bearer ${ACCESS_TOKEN}\" https://api.acme.dev/v1/me");
    t.add(() -> "api_key: <your-api-key>");
    t.add(() -> "OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    t.add(() -> "ANTHROPIC_API_KEY=sk-ant-...");
    t.add(() -> "Set ANTHROPIC_API_KEY to your key (it starts with sk-ant-api03-).");
    t.add(() -> "token: \"********\"");
    t.add(() -> "password: '****************'");
    t.add(() -> "  ~ password = (sensitive value)");
    t.add(() -> "  + secret_string = (sensitive value)");
    t.add(() -> "aws_access_key_id = AKIAIOSFODNN7EXAMPLE");
    t.add(() -> "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    t.add(() -> "customer: cus_" + b62(14) + " created");
    t.add(() -> "STRIPE_PUBLISHABLE_KEY=pk_live_" + b62(99));
    t.add(() -> "  \"publishableKey\": \"pk_test_" + b62(99) + "\",");
    t.add(
        () ->
            "{\"id\": \"msg_01" + b62(22) + "\", \"type\": \"message\", \"role\": \"assistant\"}");
    t.add(
        () -> "{\"type\": \"tool_use\", \"id\": \"toolu_01" + b62(22) + "\", \"name\": \"bash\"}");
    t.add(() -> "{\"id\": \"chatcmpl-" + b62(29) + "\", \"object\": \"chat.completion\"}");
    t.add(() -> "  \"id\": \"resp_" + hex(48) + "\",");
    t.add(() -> "charge ch_3" + b62(23) + " succeeded, payment_intent pi_3" + b62(23));
    t.add(() -> "evt_1" + b62(23) + " customer.subscription.updated sub_1" + b62(23));
    t.add(
        () -> "\"file_id\": \"file-" + b62(24) + "\", \"assistant_id\": \"asst_" + b62(24) + "\"");
    t.add(() -> "posthog.init('phc_" + b62(43) + "', {api_host: 'https://eu.posthog.com'})");
    t.add(() -> "SUPABASE_ANON_KEY is public; publishable key sb_publishable_" + url(31));
    t.add(() -> "  \"input_tokens\": " + digits(4) + ", \"output_tokens\": " + digits(3) + ",");
    t.add(
        () ->
            "usage: prompt_tokens="
                + digits(4)
                + " completion_tokens="
                + digits(3)
                + " total_tokens="
                + digits(4));
    t.add(() -> "max_tokens=" + digits(4) + " temperature=0.2");
    t.add(() -> "INFO  Refreshing access token for account " + digits(6));
    t.add(() -> "WARN  token expired at 2026-05-0" + digits(1) + "T10:00:00Z, renewing");
    t.add(() -> "FATAL: password authentication failed for user \"app\"");
    t.add(() -> "Enter passphrase for key '/home/dev/.ssh/id_ed25519':");
    t.add(() -> "    String password = request.getParameter(\"password\");");
    t.add(() -> "    if (token == null || token.isBlank()) {");
    t.add(() -> "  private static final String API_KEY_HEADER = \"X-Api-Key\";");
    t.add(() -> "    final var secretName = props.getProperty(\"secret.name\");");
    t.add(() -> "const token = await getToken(session);");
    t.add(() -> "        password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())");
    t.add(() -> "      secretName: app-tls-" + letters(4).toLowerCase(Locale.ROOT));
    t.add(() -> "            secretKeyRef:");
    t.add(() -> "              key: password");
    t.add(() -> "  - name: DB_PASSWORD");
    t.add(() -> "kind: Secret");
    t.add(() -> "type: kubernetes.io/service-account-token");
    t.add(() -> "token_type: bearer");
    t.add(() -> "\"token_type\": \"Bearer\", \"expires_in\": 3599");
    t.add(() -> "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"");
    t.add(() -> "Authorization: Basic realm=\"Restricted\"");
    t.add(() -> "--password-stdin given, reading password from stdin");
    t.add(() -> "echo \"$CR_PAT\" | docker login ghcr.io -u acme-bot --password-stdin");
    t.add(() -> "Login Succeeded");
    t.add(() -> "Tests run: " + digits(3) + ", Failures: 0, Errors: 0, Skipped: " + digits(1));
    t.add(() -> "[INFO] BUILD SUCCESS");
    t.add(() -> "[INFO] Total time:  " + digits(2) + ".412 s");
    t.add(
        () ->
            "\tat org.junit.platform.engine.support.hierarchical.NodeTestTask.execute(NodeTestTask.java:"
                + digits(3)
                + ")");
    t.add(() -> "\tat com.acme.auth.TokenService.refresh(TokenService.java:" + digits(2) + ")");
    t.add(() -> "Caused by: java.net.ConnectException: Connection refused (host=db, port=5432)");
    t.add(() -> "--- PASS: TestTokenRefresh (0.0" + digits(1) + "s)");
    t.add(() -> "ok  \tgithub.com/acme/app/internal/auth\t0." + digits(3) + "s");
    t.add(() -> "PASS src/auth/token.test.ts (" + digits(1) + ".12 s)");
    t.add(() -> "  ✓ rejects an expired token (" + digits(2) + " ms)");
    t.add(
        () ->
            "Downloading from central: https://repo.maven.apache.org/maven2/org/apache/commons/commons-lang3/3.14.0/commons-lang3-3.14.0.pom");
    t.add(() -> "Cloning into 'app'... https://github.com/acme/app.git");
    t.add(() -> "git@github.com:acme/app.git");
    t.add(() -> "DATABASE_URL=postgres://localhost:5432/app_test");
    t.add(() -> "postgres://postgres:postgres@localhost:5432/test");
    t.add(() -> "redis://localhost:6379/0");
    t.add(() -> "http://admin@localhost:8080/manage");
    t.add(() -> "jdbc:postgresql://db:5432/app?sslmode=require");
    t.add(
        () ->
            "url: https://" + letters(6).toLowerCase(Locale.ROOT) + ".acme.dev:8443/api/v1/health");
    t.add(() -> "  id = \"sg-0" + hex(16) + "\"");
    t.add(
        () ->
            "  arn = \"arn:aws:iam::"
                + digits(12)
                + ":role/app-"
                + letters(5).toLowerCase(Locale.ROOT)
                + "\"");
    t.add(() -> "  kms_key_id = \"arn:aws:kms:eu-west-1:" + digits(12) + ":key/" + uuid() + "\"");
    t.add(() -> "i-0" + hex(16) + "  running  t3.large  ami-0" + hex(16));
    t.add(() -> "secret_id = \"projects/acme-prod/secrets/db-password/versions/latest\"");
    t.add(() -> "  \"private_key_id\": \"" + hex(40) + "\",");
    t.add(() -> "  \"client_id\": \"" + digits(21) + "\",");
    t.add(() -> "  \"client_email\": \"deployer@acme-prod.iam.gserviceaccount.com\",");
    t.add(
        () ->
            "postgres  "
                + digits(3)
                + "  0.0  0.2 214876 18264 ?  Ss  09:12  0:00 postgres: checkpointer");
    t.add(
        () ->
            "app  "
                + digits(4)
                + "  2.1  4.0 4123456 331000 ?  Sl  09:12  1:02 java -Xmx2g -jar app.jar --spring.profiles.active=prod");
    t.add(() -> "Successfully installed requests-2.32.3 urllib3-2.2.2 certifi-2024.7.4");
    t.add(() -> "added " + digits(3) + " packages, and audited " + digits(4) + " packages in 12s");
    t.add(() -> "npm notice New minor version of npm available! 10.8.1 -> 10.9.0");
    t.add(
        () ->
            "Response(status=200, headers={'x-request-id': '"
                + uuid()
                + "', 'content-type': 'application/json'})");
    t.add(
        () ->
            "<script src=\"/assets/index-"
                + b62(8)
                + ".js\" integrity=\"sha384-"
                + b64(64)
                + "\" crossorigin></script>");
    t.add(
        () ->
            "dist/assets/main."
                + hex(8)
                + ".js  "
                + digits(3)
                + ".42 kB │ gzip: "
                + digits(2)
                + ".10 kB");
    t.add(() -> "Cache restored from key: Linux-node-" + hex(64));
    t.add(() -> "::add-mask::***");
    t.add(() -> "Run actions/checkout@" + hex(40));
    t.add(() -> "  uses: actions/setup-node@" + hex(40) + " # v4.0.2");
    t.add(() -> "function n(e,t){return e.apiKey=t.token||\"\",e.secret=null,e}");
    t.add(() -> "var o=r(" + digits(3) + "),a=r(" + digits(3) + "),i=\"" + b62(24) + "\";");
    t.add(() -> "uuid: " + uuid());
    t.add(() -> "\"nonce\": \"" + hex(32) + "\", \"state\": \"" + b62(8) + "\"");
    t.add(() -> "csrf-protection enabled; session cookie SameSite=Lax HttpOnly");
    t.add(() -> "Generated fingerprint SHA256:" + b64(43) + " for host key");
    t.add(() -> "The key fingerprint is: SHA256:" + b64(43) + " dev@laptop");
    t.add(
        () ->
            "gpg: key "
                + hex(16).toUpperCase(Locale.ROOT)
                + ": public key \"Acme Release <release@acme.dev>\" imported");
    t.add(() -> "      keyid " + hex(16).toUpperCase(Locale.ROOT));
    t.add(() -> "Secret scanning: 0 findings in " + digits(3) + " files");
    t.add(() -> "[REDACTED:github-pat:" + hex(8) + "] was rotated");
    t.add(() -> "Your token has been saved to /home/dev/.cache/huggingface/token");
    t.add(() -> "Token is valid (permission: read).");
    t.add(() -> "export PATH=\"$HOME/.local/bin:$PATH\"");
    t.add(() -> "PWD=/home/runner/work/app/app");
    t.add(() -> "OLDPWD=/home/runner");
    t.add(() -> "HOSTNAME=runner-" + hex(8));
    t.add(() -> "GITHUB_RUN_ID=" + digits(10));
    t.add(() -> "SSH_AUTH_SOCK=/tmp/ssh-" + b62(12) + "/agent." + digits(4));
    t.add(() -> "KUBERNETES_SERVICE_HOST=10.96.0.1");
    t.add(() -> "TOKENIZERS_PARALLELISM=false");
    t.add(() -> "password_reset_url: https://acme.dev/reset?id=" + uuid());
    t.add(() -> "secret_name: app-db-credentials");
    t.add(() -> "token_file: /var/run/secrets/kubernetes.io/serviceaccount/token");
    t.add(
        () ->
            "AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/eks.amazonaws.com/serviceaccount/token");
    t.add(() -> "api_key_id: " + digits(6));
    t.add(() -> "password_min_length: 12");
    t.add(() -> "  \"sha\": \"" + hex(40) + "\", \"node_id\": \"C_kwDO" + b62(22) + "\"");
    t.add(() -> "  \"tree_id\": \"" + hex(40) + "\",");
    t.add(() -> "Layer " + hex(12) + ": Pull complete");
    t.add(() -> "Status: Downloaded newer image for postgres:16-alpine");
    t.add(
        () ->
            "  "
                + b62(4).toLowerCase(Locale.ROOT)
                + "-"
                + hex(10)
                + "-"
                + b62(5).toLowerCase(Locale.ROOT)
                + "   1/1   Running   0   "
                + digits(2)
                + "m");
    t.add(
        () ->
            "Warning: Permanently added '10.0."
                + digits(1)
                + "."
                + digits(2)
                + "' (ED25519) to the list of known hosts.");
    t.add(() -> "user: ci-bot, auth: ok, scopes: repo,workflow");
    t.add(() -> "Basic usage: acme-cli [options] <command>");
    t.add(() -> "  --token <value>   API token (default: $ACME_TOKEN)");
    t.add(() -> "  -p, --password    prompt for the password");
    t.add(() -> "docker login registry.acme.dev -u ci-bot --password-stdin < token.txt");
    t.add(() -> "mysql -h db -u root -p app < dump.sql");
    t.add(() -> "curl -u \"$USER:$PASS\" https://jenkins.acme.dev/api/json");
    t.add(() -> "curl -sS https://api.acme.dev/v1/items?page=" + digits(2) + "&per_page=100");
    t.add(() -> "Bearer token missing or invalid");
    t.add(() -> "  + access_token_ttl = 3600");
    t.add(() -> "encryption_key_rotation: 90d");
    t.add(() -> "    signing_key: file:/etc/acme/signing.pem");
    t.add(() -> "secret: true");
    t.add(() -> "token: null");
    t.add(() -> "password: changeme");
    t.add(() -> "api_key = os.environ[\"ACME_API_KEY\"]");
    t.add(() -> "token = getenv(\"GITHUB_TOKEN\")");
    t.add(() -> "client_secret: !vault |");
    t.add(() -> "          " + digits(10) + digits(10) + digits(10));
    t.add(() -> "id_token_hint=" + b62(4) + "&post_logout_redirect_uri=https%3A%2F%2Facme.dev");
    t.add(() -> "SF_DEBUG=1 NODE_ENV=production PORT=" + digits(4));
    t.add(() -> "Processed " + digits(5) + " events in " + digits(3) + "ms (" + digits(4) + "/s)");
    t.add(
        () ->
            "2026-05-01 12:0"
                + digits(1)
                + ":00,123 INFO [main] o.s.b.w.e.tomcat.TomcatWebServer: Tomcat started on port 8080");
    t.add(
        () ->
            "172.18.0."
                + digits(1)
                + " - - [01/May/2026:12:00:00 +0000] \"GET /api/v1/items?cursor="
                + b62(16)
                + " HTTP/1.1\" 200 "
                + digits(4));
    t.add(
        () ->
            "level=info msg=\"request completed\" method=GET path=/health status=200 latency="
                + digits(1)
                + "ms");
    t.add(
        () ->
            "{\"level\":\"info\",\"ts\":1714564800.123,\"msg\":\"cache hit\",\"key\":\"user:"
                + digits(6)
                + ":profile\"}");
    t.add(() -> "Compiling serde v1.0.203");
    t.add(() -> "warning: unused variable: `token`");
    t.add(() -> "error[E0425]: cannot find value `secret_key` in this scope");
    t.add(() -> "src/auth.rs:42:9: help: consider prefixing with an underscore: `_api_key`");
    t.add(() -> "  ● TokenService › refreshes tokens before they expire");
    t.add(() -> "ValueError: invalid literal for int() with base 10: 'abc'");
    t.add(() -> "urn:uuid:" + uuid());
    t.add(() -> "Set-Cookie: theme=dark; Path=/; Max-Age=31536000");
    t.add(
        () ->
            "Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-"
                + b64(43)
                + "='");
    t.add(
        () ->
            "Location: https://acme.dev/callback?code_challenge="
                + url(43)
                + "&code_challenge_method=S256");
    t.add(() -> "wasm-pack: [INFO]: :-) Your wasm pkg is ready to publish at /app/pkg.");
    t.add(() -> "ssh-keygen -t ed25519 -C \"dev@acme.dev\" -f ~/.ssh/id_ed25519");
    t.add(() -> "-----BEGIN CERTIFICATE-----");
    t.add(() -> "-----END PUBLIC KEY-----");
    t.add(() -> "MII" + b64(61));
    t.add(() -> b64(64));
    t.add(() -> "# the private key lives in ~/.nome; never print it");
    t.add(() -> "apiVersion: v1");
    t.add(() -> "data:");
    t.add(
        () ->
            "  tls.crt: "
                + base64(
                    "-----BEGIN CERTIFICATE-----\n"
                        + pemBody(6)
                        + "\n-----END CERTIFICATE-----\n"));
    t.add(
        () ->
            "  ca.crt: "
                + base64(
                    "-----BEGIN CERTIFICATE-----\n"
                        + pemBody(4)
                        + "\n-----END CERTIFICATE-----\n"));
    t.add(
        () ->
            "    certificate-authority-data: "
                + base64(
                    "-----BEGIN CERTIFICATE-----\n"
                        + pemBody(5)
                        + "\n-----END CERTIFICATE-----\n"));
    t.add(() -> "  namespace: " + base64("default"));
    int rounds = 0;
    while (out.size() < 1100 && rounds < 100_000) {
      out.add(oneOf(t).get());
      rounds++;
    }
    List<String> lines = new ArrayList<>();
    lines.add("# Secret-free lines that naive scanners flag. Generated by CorpusGenerator.");
    lines.addAll(out);
    return lines;
  }

  // ------------------------------------------------------------------ key blocks

  /** Cases: "##### name body=i,j,k" then the text; body lists the lines (from 0) of key body. */
  List<String> keyBlocks() {
    List<String> out = new ArrayList<>();
    out.add("# Private key blocks in the shapes agents print them. Generated by CorpusGenerator.");
    for (int i = 0; i < 6; i++) {
      keyCase(out, "pem-rsa-" + i, "", "RSA PRIVATE KEY", 64, 25, null, true);
      keyCase(out, "pkcs8-" + i, "", "PRIVATE KEY", 64, 26, null, true);
      keyCase(out, "ec-" + i, "", "EC PRIVATE KEY", 64, 3, null, true);
      keyCase(out, "openssh-" + i, "", "OPENSSH PRIVATE KEY", 70, 7, null, true);
      keyCase(out, "indented-" + i, "    ", "RSA PRIVATE KEY", 64, 12, null, true);
      keyCase(out, "yaml-" + i, "      ", "OPENSSH PRIVATE KEY", 70, 5, "ssh_key: |", true);
      keyCase(out, "logger-" + i, "LOG", "PRIVATE KEY", 64, 10, null, true);
      keyCase(out, "cut-off-" + i, "", "RSA PRIVATE KEY", 64, 9, null, false);
      keyCase(out, "cut-off-logger-" + i, "LOG", "OPENSSH PRIVATE KEY", 70, 4, null, false);
      encryptedPem(out, "encrypted-pem-" + i);
      pgp(out, "pgp-" + i);
      putty(out, "putty-" + i);
      twoBlocks(out, "cut-then-next-" + i);
    }
    return out;
  }

  private String logPrefix(int line) {
    return "2026-05-01T12:00:" + String.format("%02d", line % 60) + ".123Z INFO  [deploy] ";
  }

  private void keyCase(
      List<String> out,
      String name,
      String prefix,
      String type,
      int width,
      int lines,
      String header,
      boolean withEnd) {
    List<String> text = new ArrayList<>();
    List<Integer> body = new ArrayList<>();
    if (header != null) {
      text.add(header);
    }
    text.add(p(prefix, text.size()) + "-----BEGIN " + type + "-----");
    String all = base64(bytes(lines * width * 3 / 4 + rnd.nextInt(40)));
    for (int i = 0; i < all.length(); i += width) {
      body.add(text.size());
      text.add(p(prefix, text.size()) + all.substring(i, Math.min(all.length(), i + width)));
    }
    if (withEnd) {
      text.add(p(prefix, text.size()) + "-----END " + type + "-----");
      text.add("Deploy key written.");
    } else {
      text.add(p(prefix, text.size()) + "Error: unexpected end of key file (truncated output)");
      text.add("exit status 1");
    }
    emit(out, name, body, text);
  }

  private String p(String prefix, int line) {
    return prefix.equals("LOG") ? logPrefix(line) : prefix;
  }

  private void encryptedPem(List<String> out, String name) {
    List<String> text = new ArrayList<>();
    List<Integer> body = new ArrayList<>();
    text.add("-----BEGIN RSA PRIVATE KEY-----");
    text.add("Proc-Type: 4,ENCRYPTED");
    text.add("DEK-Info: AES-128-CBC," + hex(32).toUpperCase(Locale.ROOT));
    text.add("");
    for (String l : pemBody(20).split("\n")) {
      body.add(text.size());
      text.add(l);
    }
    text.add("-----END RSA PRIVATE KEY-----");
    emit(out, name, body, text);
  }

  private void pgp(List<String> out, String name) {
    List<String> text = new ArrayList<>();
    List<Integer> body = new ArrayList<>();
    text.add("$ gpg --armor --export-secret-keys release@acme.dev");
    text.add("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    text.add("");
    for (String l : pemBody(30).split("\n")) {
      body.add(text.size());
      text.add(l);
    }
    body.add(text.size());
    text.add("=" + b64(4));
    text.add("-----END PGP PRIVATE KEY BLOCK-----");
    emit(out, name, body, text);
  }

  private void putty(List<String> out, String name) {
    List<String> text = new ArrayList<>();
    List<Integer> body = new ArrayList<>();
    text.add("PuTTY-User-Key-File-3: ssh-ed25519");
    text.add("Encryption: none");
    text.add("Comment: deploy@acme");
    text.add("Public-Lines: 2");
    text.add(b64(64));
    text.add(b64(20));
    text.add("Private-Lines: 3");
    for (int i = 0; i < 3; i++) {
      body.add(text.size());
      text.add(b64(i == 2 ? 24 : 64));
    }
    body.add(text.size());
    text.add("Private-MAC: " + hex(64));
    emit(out, name, body, text);
  }

  private void twoBlocks(List<String> out, String name) {
    List<String> text = new ArrayList<>();
    List<Integer> body = new ArrayList<>();
    text.add("-----BEGIN OPENSSH PRIVATE KEY-----");
    for (int i = 0; i < 3; i++) {
      body.add(text.size());
      text.add(b64(70));
    }
    text.add("-----BEGIN RSA PRIVATE KEY-----");
    for (String l : pemBody(8).split("\n")) {
      body.add(text.size());
      text.add(l);
    }
    text.add("-----END RSA PRIVATE KEY-----");
    emit(out, name, body, text);
  }

  private void emit(List<String> out, String name, List<Integer> body, List<String> text) {
    StringBuilder b = new StringBuilder();
    for (int i : body) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(i);
    }
    out.add("##### " + name + " body=" + b);
    out.addAll(text);
  }

  // ------------------------------------------------------------------ public blocks

  List<String> publicBlocks() {
    List<String> out = new ArrayList<>();
    out.add(
        "# Certificates and public keys: they must pass unchanged. Generated by CorpusGenerator.");
    for (int i = 0; i < 6; i++) {
      pub(out, "certificate-" + i, "", "CERTIFICATE", 64, 18);
      pub(out, "public-key-" + i, "", "PUBLIC KEY", 64, 6);
      pub(out, "rsa-public-key-" + i, "  ", "RSA PUBLIC KEY", 64, 6);
      pub(out, "csr-" + i, "", "CERTIFICATE REQUEST", 64, 12);
      pub(out, "pgp-public-" + i, "", "PGP PUBLIC KEY BLOCK", 64, 20);
      pub(out, "pgp-signature-" + i, "", "PGP SIGNATURE", 64, 4);
      pub(out, "logged-certificate-" + i, "LOG", "CERTIFICATE", 64, 10);
      out.add("##### ssh-public-" + i);
      out.add("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + b64(43) + " deploy@acme");
      out.add("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + b64(500) + " ci@runner");
    }
    return out;
  }

  private void pub(List<String> out, String name, String prefix, String type, int w, int lines) {
    out.add("##### " + name);
    out.add(p(prefix, 0) + "-----BEGIN " + type + "-----");
    if (type.startsWith("PGP")) {
      out.add(p(prefix, 1) + "");
    }
    String all = base64(bytes(lines * w * 3 / 4));
    int n = 2;
    for (int i = 0; i < all.length(); i += w) {
      out.add(p(prefix, n++) + all.substring(i, Math.min(all.length(), i + w)));
    }
    out.add(p(prefix, n) + "-----END " + type + "-----");
  }
}
