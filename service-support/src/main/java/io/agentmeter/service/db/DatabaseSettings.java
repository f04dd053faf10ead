package io.agentmeter.service.db;

import io.smallrye.config.WithDefault;

/**
 * PostgreSQL, {@code agentmeter.db.*} in each service's configuration ({@code AGENTMETER_DB_URL} and so on); the
 * datasource reads these through {@code quarkus.datasource.*} in application.properties. A service with more database
 * settings extends it.
 */
public interface DatabaseSettings {

    @WithDefault("jdbc:postgresql://localhost:54329/agentmeter")
    String url();

    @WithDefault("postgres")
    String user();

    @WithDefault("postgres")
    String password();
}
