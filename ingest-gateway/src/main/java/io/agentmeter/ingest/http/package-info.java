/**
 * What every endpoint of the gateway shares: {@link io.agentmeter.ingest.http.ApiException} and its JSON body
 * {@link io.agentmeter.ingest.http.ApiError}, the one exception mapper ({@link io.agentmeter.ingest.http.ErrorMapper}),
 * bounded body reading ({@link io.agentmeter.ingest.http.BodyReader}, {@link io.agentmeter.ingest.http.JsonBody}) and
 * database calls that fail as 503 ({@link io.agentmeter.ingest.http.Database}), the JSON naming of answers
 * ({@link io.agentmeter.ingest.http.JsonNaming}).
 *
 * <p>Not here: resources. Each lives in the package of what it serves ({@code turns}, {@code otlp}, {@code admin},
 * {@code recording}), so that those packages import this one and this one imports none of them (no package cycle).
 */
package io.agentmeter.ingest.http;
