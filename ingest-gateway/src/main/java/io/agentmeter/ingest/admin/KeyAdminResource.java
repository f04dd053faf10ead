package io.agentmeter.ingest.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agentmeter.ingest.http.BodyHeaders;
import io.agentmeter.schema.auth.ApiKeys;
import io.agentmeter.ingest.auth.ApiKeyStore;
import io.agentmeter.ingest.auth.Authenticator;
import io.agentmeter.service.auth.KeyKind;
import io.agentmeter.ingest.auth.StoredKey;
import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.service.db.Database;
import io.agentmeter.ingest.http.JsonBody;
import io.agentmeter.schema.TenantId;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/keys}: create, list and revoke API keys. The clear key is in the creation answer only; the database
 * keeps its SHA-256. Guarded by the admin secret.
 */
@Path("/admin/keys")
@Tag(name = "admin")
@SecurityRequirement(name = "adminSecret")
@Produces(MediaType.APPLICATION_JSON)
public class KeyAdminResource {

    public static final Set<String> ROLES = Set.of("viewer", "developer", "admin");

    /** The answer of {@code POST /admin/keys}: the key's row and, this once, the clear key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedKey(String key, String keyId, String tenantId, String project, String kind, String role,
                             String name, String keyPrefix, Instant createdAt) {
    }

    /** The answer of {@code GET /admin/keys}. */
    public record KeyList(List<StoredKey> keys) {
    }

    private final AdminGuard guard;
    private final ApiKeyStore keys;
    private final TenantStore tenants;
    private final Authenticator authenticator;

    public KeyAdminResource(AdminGuard guard, ApiKeyStore keys, TenantStore tenants, Authenticator authenticator) {
        this.guard = guard;
        this.keys = keys;
        this.tenants = tenants;
        this.authenticator = authenticator;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create an API key", description = "Body: {\"tenant_id\": \"acme\", \"name\": \"ci agent\","
            + " \"kind\": \"ingest\" (default) or \"query\", \"project\": optional (ingest keys: stamped on every"
            + " event), \"role\": viewer|developer|admin (query keys only, required)}. 201 with the clear key, shown"
            + " this once.")
    public Response create(@BeanParam BodyHeaders headers, InputStream body) {
        guard.check(headers.authorization());
        JsonBody request = JsonBody.read(body, headers);
        String tenantId = request.requiredText("tenant_id", TenantId.MAX_LENGTH);
        String name = request.requiredText("name", JsonBody.MAX_TEXT_CHARS);
        String kindText = Optional.ofNullable(request.optionalText("kind", 16)).orElse(KeyKind.INGEST.value());
        Optional<KeyKind> kind = KeyKind.parse(kindText);
        if (kind.isEmpty()) {
            request.fail("kind", "must be \"ingest\" or \"query\", got \"" + kindText + "\"");
        }
        String project = request.optionalText("project", JsonBody.MAX_TEXT_CHARS);
        String role = request.optionalText("role", 16);
        if (kind.orElse(null) == KeyKind.QUERY) {
            if (role == null) {
                request.fail("role", "is required for a query key: viewer, developer or admin");
            } else if (!ROLES.contains(role)) {
                request.fail("role", "must be viewer, developer or admin, got \"" + role + "\"");
            }
        } else if (kind.isPresent() && role != null) {
            request.fail("role", "applies to query keys only; leave it out for an ingest key");
        }
        request.requireValid();
        if (Database.call(() -> tenants.find(tenantId)).isEmpty()) {
            throw ApiException.of(404, "unknown_tenant", "$.tenant_id", "names no tenant (" + tenantId
                    + "); create it first with POST /admin/tenants");
        }
        String clear = ApiKeys.newKey(kind.get().value());
        String hash = ApiKeys.sha256Hex(clear);
        StoredKey stored = Database.call(() -> keys.insert(ApiKeys.newKeyId(), tenantId, project, kind.get(),
                role, name, hash, ApiKeys.prefixOf(clear)));
        authenticator.forgetHash(hash);
        return Response.status(201).entity(new CreatedKey(clear, stored.keyId(), stored.tenantId(), stored.project(),
                stored.kind(), stored.role(), stored.name(), stored.keyPrefix(), stored.createdAt())).build();
    }

    @GET
    @Operation(summary = "List API keys", description = "Every key, or a tenant's keys with ?tenant_id=. Hashes and"
            + " clear keys are never shown; key_prefix tells keys apart.")
    public KeyList list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                        @QueryParam("tenant_id") String tenantId) {
        guard.check(authorization);
        return new KeyList(Database.call(() -> keys.list(Optional.ofNullable(tenantId).filter(t -> !t.isBlank()))));
    }

    @DELETE
    @Path("/{key_id}")
    @Operation(summary = "Revoke an API key", description = "The key stops working at once on this gateway instance"
            + " and within agentmeter.auth.cache-ttl (10 s by default) on every other. The row is kept, with"
            + " revoked_at. Revoking twice keeps the first time.")
    public StoredKey revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @PathParam("key_id") String keyId) {
        guard.check(authorization);
        StoredKey revoked = Database.call(() -> keys.revoke(keyId))
                .orElseThrow(() -> ApiException.of(404, "not_found", "key_id", "names no key (" + keyId + ")"));
        authenticator.forget(keyId);
        return revoked;
    }
}
