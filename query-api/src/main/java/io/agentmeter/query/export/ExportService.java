package io.agentmeter.query.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.agentmeter.query.auth.Caller;
import io.agentmeter.query.auth.Role;
import io.agentmeter.query.config.QueryConfig;
import io.agentmeter.query.http.Csv;
import io.agentmeter.query.metrics.QueryMetrics;
import io.agentmeter.query.params.Filter;
import io.agentmeter.query.turns.TurnRepository;
import io.agentmeter.query.turns.TurnRow;
import io.agentmeter.service.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns of a filter as CSV or NDJSON, streamed as PostgreSQL sends them: memory stays bounded by the fetch size
 * whatever the range. A failure after the first bytes cannot become an error status; the stream is cut instead, and
 * NDJSON ends with an {@code {"error": ...}} line.
 */
@ApplicationScoped
public class ExportService {

    private static final Logger LOG = Logger.getLogger(ExportService.class);

    private final TurnRepository turns;
    private final ObjectWriter json;
    private final int fetchSize;
    private final QueryMetrics metrics;

    public ExportService(TurnRepository turns, ObjectMapper mapper, QueryConfig config, QueryMetrics metrics) {
        this.turns = turns;
        this.json = mapper.writer();
        this.fetchSize = config.query().exportFetchSize();
        this.metrics = metrics;
    }

    public StreamingOutput export(Caller caller, Filter filter, TurnRepository.Include include, boolean csv) {
        if (include.promptText() || include.params()) {
            caller.require(Role.DEVELOPER, "include=prompt_text/params (prompt text and per-turn config)");
        }
        return output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            try {
                if (csv) {
                    List<String> header = new ArrayList<>(TurnRow.COLUMNS);
                    if (include.promptText()) {
                        header.add("prompt_text");
                    }
                    if (include.params()) {
                        header.add("params");
                    }
                    Csv.writeRow(out, header);
                }
                turns.stream(filter, include, fetchSize, row -> {
                    if (csv) {
                        List<Object> cells = row.cells();
                        if (include.promptText()) {
                            cells.add(row.promptText().value());
                        }
                        if (include.params()) {
                            cells.add(row.params().value());
                        }
                        Csv.writeRow(out, cells);
                    } else {
                        out.write(json.writeValueAsString(row));
                        out.write('\n');
                    }
                });
            } catch (SQLException e) {
                Database.unavailable(e);
                metrics.databaseError(QueryMetrics.EXPORT, Database.errorCode(e));
                LOG.warnf("export cut short: %s", e.getMessage());
                if (!csv) {
                    out.write("{\"error\":\"database_unavailable\",\"message\":\"the export was cut short\"}\n");
                }
            } finally {
                out.flush();
            }
        };
    }
}
