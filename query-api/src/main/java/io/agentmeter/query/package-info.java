/**
 * REST queries over the rollups and turns in PostgreSQL.
 *
 * <p>This package holds what concerns the whole application ({@code QueryConfigCheck}, the OpenAPI definition, the
 * JSON setup); it uses its sub-packages and none of them imports it. Settings live in {@code config}, the API version
 * in {@code capabilities}.
 */
package io.agentmeter.query;
