package dev.nome.server.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nome.server.http.ApiError;
import dev.nome.server.http.Caller;
import dev.nome.server.http.Guards;
import dev.nome.server.http.JsonBody;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * {@code POST /api/runs/{id}/model}: a paired host's device token, for its own running BYOK run.
 * 200 with {@code {stopReason, content, usage, model}}; otherwise {@code {"error": {code,
 * message}}} with a run stop reason as the code: 409 for {@code key-missing}, {@code key-removed}
 * and {@code model-unavailable}, 502 for {@code provider-auth-failed}, {@code
 * provider-rate-limited} and {@code provider-unavailable}.
 */
public final class ModelProxyApi {

  private final ModelProxy proxy;

  public ModelProxyApi(ModelProxy proxy) {
    this.proxy = proxy;
  }

  public void register(Javalin app) {
    app.post("/api/runs/{id}/model", this::model);
  }

  private void model(Context ctx) throws InterruptedException {
    Caller.Host host = Guards.requireHost(ctx);
    String runId = ctx.pathParam("id");
    JsonNode body = JsonBody.read(ctx, JsonNode.class);
    ModelCall call;
    try {
      call = NeutralJson.readCall(body);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    ModelAnswer answer = proxy.answer(host, runId, call);
    ctx.status(HttpStatus.OK).json(NeutralJson.writeAnswer(answer));
  }
}
