package dev.nome.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One pairing round trip on loopback, over HTTP as the runner and the approving person make it: the
 * runner asks for codes ({@code POST /api/pair/device}), the person approves the user code ({@code
 * POST /api/pair/{code}/approve} with a CLI user token), and the runner's poll receives the device
 * token ({@code POST /api/pair/token}). The person's reading time and the RFC's polling interval
 * are not part of it: the figure is what the machinery adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PairingBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  BenchPlane bench;
  HttpClient http;
  URI base;
  String publicKey;

  @Setup(Level.Trial)
  public void start() throws Exception {
    bench = new BenchPlane("sqlite");
    http = HttpClient.newHttpClient();
    base = bench.plane.url();
    publicKey =
        Base64.getEncoder()
            .encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    bench.close();
  }

  private HttpResponse<String> post(String path, String json, String bearer) throws Exception {
    var b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + res.statusCode() + ": " + res.body());
    }
    return res;
  }

  @Benchmark
  public String pairingRoundTrip() throws Exception {
    var start =
        JSON.readTree(
            post(
                    "/api/pair/device",
                    "{\"name\":\"bench\",\"os\":\"Linux\",\"user\":\"b\",\"public_key\":\""
                        + publicKey
                        + "\"}",
                    null)
                .body());
    post("/api/pair/" + start.get("user_code").asText() + "/approve", "{}", bench.userToken);
    var issued =
        JSON.readTree(
            post(
                    "/api/pair/token",
                    "{\"device_code\":\"" + start.get("device_code").asText() + "\"}",
                    null)
                .body());
    return issued.get("device_token").asText();
  }
}
