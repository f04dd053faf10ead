# Images of the four agentmeter services, built from this repository:
#   docker build --target ingest-gateway    -t agentmeter/ingest-gateway .
#   docker build --target stream-aggregator -t agentmeter/stream-aggregator .
#   docker build --target postgres-writer   -t agentmeter/postgres-writer .
#   docker build --target query-api         -t agentmeter/query-api .
# docker-compose.yml builds all four. Every service is configured by AGENTMETER_* environment variables.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests install \
 && ./mvnw -B -q -pl stream-aggregator,postgres-writer dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=target/lib

FROM eclipse-temurin:17-jre AS service-base
# curl for the compose health checks.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 1001 agentmeter
USER 1001
WORKDIR /app
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75"

FROM service-base AS ingest-gateway
COPY --from=build --chown=1001 /src/ingest-gateway/target/quarkus-app/ /app/
# HTTP (JSON, NDJSON, OTLP/HTTP) and OTLP/gRPC.
EXPOSE 8080 4317
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]

FROM service-base AS query-api
COPY --from=build --chown=1001 /src/query-api/target/quarkus-app/ /app/
EXPOSE 8081
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]

FROM service-base AS stream-aggregator
COPY --from=build --chown=1001 /src/stream-aggregator/target/lib/ /app/lib/
COPY --from=build --chown=1001 /src/stream-aggregator/target/classes/ /app/classes/
EXPOSE 8082
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp '/app/classes:/app/lib/*' io.agentmeter.aggregator.AggregatorMain"]

FROM service-base AS postgres-writer
COPY --from=build --chown=1001 /src/postgres-writer/target/lib/ /app/lib/
COPY --from=build --chown=1001 /src/postgres-writer/target/classes/ /app/classes/
EXPOSE 8083
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -cp '/app/classes:/app/lib/*' io.agentmeter.writer.WriterMain"]
