/**
 * What every endpoint of the gateway shares beyond the services' common error handling
 * ({@code io.agentmeter.service.http}: the exception mapper, the parameter check; {@code io.agentmeter.service.db}:
 * database calls that fail as 503): the gateway's words for errors, {@link io.agentmeter.ingest.http.ApiException}
 * (fields named by their JSON path), its documented body {@link io.agentmeter.ingest.http.ApiError} and
 * {@link io.agentmeter.ingest.http.GatewayErrors} (counting, the 415); bounded body reading
 * ({@link io.agentmeter.ingest.http.BodyReader}, {@link io.agentmeter.ingest.http.JsonBody}) and the JSON naming of
 * answers ({@link io.agentmeter.ingest.http.JsonNaming}).
 *
 * <p>Not here: resources. Each lives in the package of what it serves ({@code turns}, {@code otlp}, {@code admin},
 * {@code recording}), so that those packages import this one and this one imports none of them (no package cycle).
 */
package io.agentmeter.ingest.http;
