package io.agentmeter.ingest.admin;

import io.agentmeter.ingest.http.ApiException;
import io.agentmeter.ingest.http.BodyHeaders;
import io.agentmeter.service.db.Database;
import io.agentmeter.ingest.http.JsonBody;
import io.agentmeter.schema.TenantId;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/tenants}: create and list tenants, and change a tenant's activity payload setting. Guarded by the
 * admin secret.
 */
@Path("/admin/tenants")
@Tag(name = "admin")
@SecurityRequirement(name = "adminSecret")
@Produces(MediaType.APPLICATION_JSON)
public class TenantAdminResource {

    /** The answer of {@code GET /admin/tenants}. */
    public record TenantList(List<Tenant> tenants) {
    }

    private static final String KEEP_PAYLOADS = "keep_activity_payloads";

    private final AdminGuard guard;
    private final TenantStore tenants;

    public TenantAdminResource(AdminGuard guard, TenantStore tenants) {
        this.guard = guard;
        this.tenants = tenants;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create a tenant", description = "Body: {\"tenant_id\": \"acme\", \"name\": \"Acme Inc\"}"
            + " and optionally \"keep_activity_payloads\": false (drop the text of its activity events at ingest;"
            + " default true). tenant_id: 1 to 64 letters, digits, '.', '_' or '-'. 201 with the tenant; 409 when"
            + " it exists.")
    public Response create(@BeanParam BodyHeaders headers, InputStream body) {
        guard.check(headers.authorization());
        JsonBody request = JsonBody.read(body, headers);
        String tenantId = request.requiredText("tenant_id", TenantId.MAX_LENGTH);
        if (tenantId != null && !TenantId.isValid(tenantId)) {
            request.fail("tenant_id", "must be 1 to " + TenantId.MAX_LENGTH + " letters, digits, '.', '_' or '-'");
        }
        String name = request.requiredText("name", JsonBody.MAX_TEXT_CHARS);
        boolean keepPayloads = request.optionalBoolean(KEEP_PAYLOADS, true);
        request.requireValid();
        Tenant created = Database.call(() -> tenants.insert(tenantId, name, keepPayloads))
                .orElseThrow(() -> ApiException.of(409, "conflict", "$.tenant_id", "tenant " + tenantId
                        + " exists already"));
        return Response.status(201).entity(created).build();
    }

    @PATCH
    @Path("/{tenant_id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Change a tenant's settings", description = "Body: {\"keep_activity_payloads\": false} drops"
            + " the payload text (prompts, tool input and output) of the tenant's activity events at ingest from now"
            + " on (within the key cache's TTL); true keeps what the agents send. 200 with the tenant; 404 when"
            + " there is none.")
    public Tenant change(@BeanParam BodyHeaders headers, @PathParam("tenant_id") String tenantId,
                         InputStream body) {
        guard.check(headers.authorization());
        JsonBody request = JsonBody.read(body, headers);
        Boolean keep = request.requiredBoolean(KEEP_PAYLOADS);
        request.requireValid();
        return Database.call(() -> tenants.keepActivityPayloads(tenantId, keep))
                .orElseThrow(() -> ApiException.of(404, "not_found", "tenant_id", "names no tenant (" + tenantId + ")"));
    }

    @GET
    @Operation(summary = "List tenants")
    public TenantList list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        guard.check(authorization);
        return new TenantList(Database.call(tenants::list));
    }
}
