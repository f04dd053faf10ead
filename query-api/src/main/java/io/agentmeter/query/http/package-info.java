/**
 * What every endpoint of the query API shares beyond the services' common error handling
 * ({@code io.agentmeter.service.http}: the exception mapper, the parameter check; {@code io.agentmeter.service.db}:
 * database calls that fail as 503): the query API's words for errors, {@link io.agentmeter.query.http.ApiException}
 * (parameters at fault as {@link io.agentmeter.query.http.ApiError.ParameterError}), its documented body
 * {@link io.agentmeter.query.http.ApiError} and {@link io.agentmeter.query.http.QueryErrors} (counting, database errors,
 * the 406); the answer formats: JSON or CSV by Accept or {@code format} ({@link io.agentmeter.query.http.FormatFilter},
 * {@link io.agentmeter.query.http.Tabular}, {@link io.agentmeter.query.http.Csv},
 * {@link io.agentmeter.query.http.CsvBodyWriter}).
 *
 * <p>Not here: resources and queries; each lives in the package of what it answers ({@code summary}, {@code sessions},
 * ...), which imports this one.
 */
package io.agentmeter.query.http;
