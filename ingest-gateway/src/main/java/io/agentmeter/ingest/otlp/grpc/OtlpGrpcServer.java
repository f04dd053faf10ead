package io.agentmeter.ingest.otlp.grpc;

import io.agentmeter.ingest.auth.Authenticator;
import io.agentmeter.ingest.config.GatewayConfig;
import io.agentmeter.ingest.metrics.IngestMetrics;
import io.agentmeter.ingest.otlp.LogExport;
import io.agentmeter.ingest.otlp.MetricExport;
import io.agentmeter.ingest.otlp.TraceExport;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * OTLP/gRPC on a port of its own ({@code agentmeter.otlp.grpc-port}, 4317 by default, the OTLP default) and on the
 * HTTP listener's address: the LogsService, MetricsService and TraceService of the OTLP specification, gzip accepted,
 * messages up to {@code agentmeter.ingest.max-body-bytes}. A plain grpc-java server (the services are the stubs the
 * {@code opentelemetry-proto} artifact ships) beside Quarkus' HTTP one.
 *
 * <p>A port already taken (another collector on the machine) is logged and leaves the gateway serving HTTP, OTLP/HTTP
 * included: gRPC is one door of several, not a reason to refuse the others.
 */
@Singleton
public class OtlpGrpcServer {

    private static final Logger LOG = Logger.getLogger(OtlpGrpcServer.class);

    private final GatewayConfig config;
    private final String host;
    private final GrpcAnswers answers;
    private final LogExport logs;
    private final MetricExport metrics;
    private final TraceExport traces;
    private volatile Server server;

    public OtlpGrpcServer(GatewayConfig config, @ConfigProperty(name = "quarkus.http.host") String host,
                          Authenticator authenticator, IngestMetrics ingestMetrics, LogExport logs,
                          MetricExport metrics, TraceExport traces) {
        this.config = config;
        this.host = host;
        this.answers = new GrpcAnswers(authenticator, ingestMetrics);
        this.logs = logs;
        this.metrics = metrics;
        this.traces = traces;
    }

    void start(@Observes StartupEvent started) {
        int port = config.otlp().grpcPort();
        if (port < 0) {
            LOG.info("OTLP/gRPC is off (agentmeter.otlp.grpc-port=-1)");
            return;
        }
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .maxInboundMessageSize(config.ingest().maxBodyBytes());
        OtlpGrpcServices.all(answers, logs, metrics, traces)
                .forEach(service -> builder.addService(ServerInterceptors.intercept(service, new BearerMetadata())));
        try {
            server = builder.build().start();
            LOG.infof("OTLP/gRPC listening on %s:%d", host, server.getPort());
        } catch (IOException e) {
            LOG.errorf("OTLP/gRPC not served: cannot listen on %s:%d (%s); OTLP/HTTP is served on the HTTP port."
                    + " Set AGENTMETER_OTLP_GRPC_PORT to another port, or -1", host, port, e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        Server running = server;
        if (running != null) {
            running.shutdown();
            if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        }
    }

    /** The port it listens on, or -1 while it does not (off, not started, or the port was taken). */
    public int port() {
        Server running = server;
        return running == null ? -1 : running.getPort();
    }
}
