package io.agentmeter.query.pricing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentmeter.pricing.LiteLlmPriceFile;
import io.agentmeter.pricing.ModelPrice;
import io.agentmeter.pricing.ModelPriceUpdate;
import io.agentmeter.pricing.PriceBook;
import io.agentmeter.schema.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The price book the counterfactual prices with: the shipped LiteLLM file (in force since 1970, as the aggregator
 * uses it) plus the rows of the {@code prices} table (new global prices and tenant overrides), re-read at most once a
 * minute. Prices are only read; the aggregator prices turns, this module only answers "what if".
 */
@ApplicationScoped
public class Prices {

    private static final Logger LOG = Logger.getLogger(Prices.class);
    private static final Duration REFRESH = Duration.ofMinutes(1);
    private static final String ROWS = "SELECT tenant_id, model, provider, effective_from, version, rates FROM prices";

    private final DataSource dataSource;
    private final List<ModelPrice> shipped = LiteLlmPriceFile.readShipped(Instant.EPOCH).prices();
    private volatile PriceBook book;
    private volatile Instant loadedAt = Instant.EPOCH;

    public Prices(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public PriceBook book() {
        Instant now = Instant.now();
        if (book == null || loadedAt.plus(REFRESH).isBefore(now)) {
            synchronized (this) {
                if (book == null || loadedAt.plus(REFRESH).isBefore(now)) {
                    book = load();
                    loadedAt = now;
                }
            }
        }
        return book;
    }

    private PriceBook load() {
        PriceBook fresh = PriceBook.empty().addAll(shipped);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ROWS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                try {
                    ObjectNode node = (ObjectNode) Json.mapper().readTree(rows.getString("rates"));
                    node.put("tenant_id", rows.getString("tenant_id"));
                    node.put("model", rows.getString("model"));
                    node.put("provider", rows.getString("provider"));
                    node.put("effective_from", rows.getObject("effective_from", OffsetDateTime.class).toString());
                    node.put("version", rows.getString("version"));
                    fresh.add(ModelPriceUpdate.fromJson(node).toModelPrice());
                } catch (IllegalArgumentException | java.io.IOException | ClassCastException e) {
                    LOG.warnf("skipping an unreadable row of prices (model %s): %s", rows.getString("model"),
                            e.getMessage());
                }
            }
        } catch (SQLException e) {
            LOG.warnf("cannot read the prices table, using the shipped prices only: %s", e.getMessage());
        }
        return fresh;
    }
}
