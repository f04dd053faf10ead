package io.agentmeter.writer;

import io.agentmeter.localstack.LocalStack;
import io.agentmeter.schema.db.Migrations;
import io.agentmeter.schema.kafka.TopicCreator;
import io.agentmeter.schema.kafka.Topics;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * The stack the writer's broker-and-database ITs run on: a {@link LocalStack} with every topic (one partition each)
 * and the migrations applied. Start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
public final class WriterStack {

    private WriterStack() {
    }

    public static LocalStack start() throws Exception {
        LocalStack stack = LocalStack.builder().start();
        try (Admin admin = Admin.create(stack.kafka().clientConfig())) {
            TopicCreator.ensure(admin, Topics.all(), Optional.of(1), (short) 1, Duration.ofSeconds(30));
        }
        Migrations.apply(stack.postgres().dataSource());
        return stack;
    }
}
