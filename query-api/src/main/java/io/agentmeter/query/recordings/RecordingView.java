package io.agentmeter.query.recordings;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentmeter.query.figures.FiguresView;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A recording with the figures of its turns (the turns tagged with its id). */
@Schema(name = "Recording")
public record RecordingView(
        String recordingId,
        String userId,
        String name,
        @Schema(description = "The agent configuration snapshot taken when the recording started") JsonNode config,
        Instant startedAt,
        @Schema(description = "null while recording") Instant stoppedAt,
        FiguresView figures) {
}
