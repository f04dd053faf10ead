/**
 * Error answers as both services send them. {@link io.agentmeter.service.http.ErrorAnswer} (each service's
 * {@code ApiException} extends it) and its JSON body {@link io.agentmeter.service.http.ErrorBody}; the one exception
 * mapper {@link io.agentmeter.service.http.ErrorMapper}; {@link io.agentmeter.service.http.StorableParameters}, which
 * refuses a parameter PostgreSQL cannot store. Where the services word an answer differently, each has one bean of
 * {@link io.agentmeter.service.http.ServiceErrors}.
 *
 * <p>Not here: service wording (message texts, the element type of {@code errors}, metrics) beyond what
 * {@code ServiceErrors} asks for; the mapper and the filter are found by Quarkus through this jar's beans.xml, so no
 * service declares them again.
 */
package io.agentmeter.service.http;
