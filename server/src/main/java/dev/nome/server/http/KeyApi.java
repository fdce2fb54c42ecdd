package dev.nome.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nome.server.vault.KeyVault;
import dev.nome.server.vault.ProviderKey;
import dev.nome.server.vault.VaultException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/keys}: list, add, rotate and remove BYOK keys. People only (hosts never read keys);
 * responses carry provider, name, base URL, last four characters and fingerprint, never a key.
 */
public final class KeyApi {

  public record AddRequest(
      @JsonProperty("provider") String provider,
      @JsonProperty("name") String name,
      @JsonProperty("base_url") String baseUrl,
      @JsonProperty("key") String key) {}

  public record RotateRequest(@JsonProperty("key") String key) {}

  private final KeyVault vault;

  public KeyApi(KeyVault vault) {
    this.vault = vault;
  }

  public void register(Javalin app) {
    app.get("/api/keys", this::list);
    app.post("/api/keys", this::add);
    app.post("/api/keys/{id}/rotate", this::rotate);
    app.delete("/api/keys/{id}", this::remove);
    app.post("/api/vault/rotate-keyset", this::rotateKeyset);
  }

  /** Owner only: a new primary key for the vault; every stored key is re-encrypted under it. */
  private void rotateKeyset(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    if (!user.account().owner()) {
      throw new ApiError(HttpStatus.FORBIDDEN, "forbidden", "only the owner may rotate the keyset");
    }
    try {
      ctx.json(Map.of("reencrypted", vault.rotateKeyset()));
    } catch (VaultException e) {
      throw new ApiError(HttpStatus.CONFLICT, "vault", e.getMessage());
    }
  }

  private void list(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    List<Map<String, Object>> out =
        vault.list(user.accountId()).stream().map(KeyApi::view).toList();
    ctx.json(Map.of("keys", out));
  }

  private void add(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    AddRequest req = JsonBody.read(ctx, AddRequest.class);
    try {
      ProviderKey key =
          vault.add(user.accountId(), req.provider(), req.name(), req.baseUrl(), req.key());
      ctx.status(HttpStatus.CREATED).json(view(key));
    } catch (VaultException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private void rotate(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    RotateRequest req = JsonBody.read(ctx, RotateRequest.class);
    try {
      ctx.json(view(vault.rotate(user.accountId(), ctx.pathParam("id"), req.key())));
    } catch (VaultException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private void remove(Context ctx) {
    Caller.User user = Guards.requireUser(ctx);
    try {
      vault.remove(user.accountId(), ctx.pathParam("id"));
      ctx.status(HttpStatus.NO_CONTENT);
    } catch (VaultException e) {
      throw ApiError.notFound(e.getMessage());
    }
  }

  static Map<String, Object> view(ProviderKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("provider", k.provider().id());
    m.put("name", k.name());
    m.put("base_url", k.baseUrl().orElse(null));
    m.put("last_four", k.lastFour());
    m.put("fingerprint", k.fingerprint());
    m.put("created_at", k.createdAt().toString());
    m.put("rotated_at", k.rotatedAt().map(Object::toString).orElse(null));
    return m;
  }
}
