package io.agentmeter.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agentmeter.schema.kafka.Topics;
import io.agentmeter.schema.recording.Recording;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Recordings: stored in PostgreSQL and published on the compacted recordings topic, one active per user. */
@QuarkusTest
@WithTestResource(GatewayTestResource.class)
class RecordingIT {

    @Test
    void shouldStartListAndStopARecordingAndPublishEachChange() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        String id = given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("name", "sonnet vs gpt", "user_id", "dev-1",
                        "config", Map.of("temperature", 0.2, "preset", "fast")))
                .when().post("/v1/recordings")
                .then().statusCode(201)
                .body("recording.recording_id", startsWith("rec_"))
                .body("recording.tenant_id", equalTo(tenant))
                .body("recording.user_id", equalTo("dev-1"))
                .body("recording.config.preset", equalTo("fast"))
                .body("recording.started_at", notNullValue())
                .body("recording.stopped_at", nullValue())
                .body("stopped_recordings", empty())
                .extract().path("recording.recording_id");

        given().auth().oauth2(key).when().get("/v1/recordings/active")
                .then().statusCode(200).body("recordings.recording_id", contains(id));

        given().auth().oauth2(key).when().post("/v1/recordings/" + id + "/stop")
                .then().statusCode(200)
                .body("recording_id", equalTo(id))
                .body("stopped_at", notNullValue());
        // Stopping again changes nothing.
        given().auth().oauth2(key).when().post("/v1/recordings/" + id + "/stop")
                .then().statusCode(200).body("stopped_at", notNullValue());
        given().auth().oauth2(key).when().get("/v1/recordings/active")
                .then().statusCode(200).body("recordings", empty());

        List<Recording> published = Gateway.recordingsOf(tenant, 2).stream()
                .peek(record -> assertThat(record.key()).isEqualTo(tenant + ":dev-1"))
                .map(RecordingIT::recording)
                .toList();
        assertThat(published).hasSize(2);
        assertThat(published.get(0).isActive()).isTrue();
        assertThat(published.get(0).config().get("preset").textValue()).isEqualTo("fast");
        assertThat(published.get(1).isActive()).isFalse();
        assertThat(published.get(1).recordingId()).isEqualTo(id);
    }

    @Test
    void shouldStopTheUsersActiveRecordingWhenANewOneStarts() {
        String tenant = Gateway.newTenant();
        String key = Gateway.newKey(tenant);
        String first = start(key, "dev-2", "first");
        String other = start(key, "dev-3", "someone else's");
        String second = given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("name", "second", "user_id", "dev-2"))
                .when().post("/v1/recordings")
                .then().statusCode(201)
                .body("stopped_recordings.recording_id", contains(first))
                .body("stopped_recordings[0].stopped_at", notNullValue())
                .extract().path("recording.recording_id");
        given().auth().oauth2(key).queryParam("user_id", "dev-2").when().get("/v1/recordings/active")
                .then().statusCode(200).body("recordings.recording_id", contains(second));
        given().auth().oauth2(key).when().get("/v1/recordings/active")
                .then().statusCode(200).body("recordings.recording_id", org.hamcrest.Matchers.containsInAnyOrder(
                        other, second));

        List<ConsumerRecord<String, byte[]>> records = Gateway.recordingsOf(tenant, 4);
        List<Recording> dev2 = records.stream().filter(r -> r.key().equals(tenant + ":dev-2"))
                .map(RecordingIT::recording).toList();
        // In partition order: first started, first stopped, second started; compaction keeps the last.
        assertThat(dev2).extracting(Recording::recordingId).containsExactly(first, first, second);
        assertThat(dev2.get(2).isActive()).isTrue();
        assertThat(dev2.get(1).stoppedAt()).isEqualTo(dev2.get(2).startedAt());
    }

    @Test
    void shouldTreatARepeatedStartWithTheSameIdAsTheSameRecording() {
        String key = Gateway.newKey(Gateway.newTenant());
        Map<String, Object> body = Map.of("name", "retry me", "user_id", "dev-4", "recording_id", "client-id-1");
        given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/recordings").then().statusCode(201);
        given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
                .when().post("/v1/recordings").then().statusCode(200)
                .body("recording.recording_id", equalTo("client-id-1"))
                .body("stopped_recordings", empty());
        given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "user_id", "dev-5", "recording_id", "client-id-1"))
                .when().post("/v1/recordings").then().statusCode(409)
                .body("errors[0].path", equalTo("$.recording_id"));
    }

    @Test
    void shouldNameEveryBadFieldAndKeepRecordingsPerTenant() {
        String key = Gateway.newKey(Gateway.newTenant());
        given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("name", " ", "config", List.of(1), "recording_id", "has space"))
                .when().post("/v1/recordings")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("errors.path", equalTo(List.of("$.name", "$.user_id", "$.config", "$.recording_id")));
        given().auth().oauth2(key).contentType(ContentType.JSON).body("[1]")
                .when().post("/v1/recordings").then().statusCode(400);
        given().auth().oauth2(key).when().post("/v1/recordings/rec_unknown/stop")
                .then().statusCode(404).body("error", equalTo("not_found"));
        // Another tenant's recording is not found either.
        String theirs = start(Gateway.newKey(Gateway.newTenant()), "dev-6", "theirs");
        given().auth().oauth2(key).when().post("/v1/recordings/" + theirs + "/stop").then().statusCode(404);
        given().when().get("/v1/recordings/active").then().statusCode(401);
    }

    private static String start(String key, String user, String name) {
        return given().auth().oauth2(key).contentType(ContentType.JSON).body(Map.of("name", name, "user_id", user))
                .when().post("/v1/recordings")
                .then().statusCode(201)
                .extract().path("recording.recording_id");
    }

    private static Recording recording(ConsumerRecord<String, byte[]> record) {
        return Topics.RECORDINGS.valueSerde().deserializer().deserialize(Topics.RECORDINGS.name(), record.value());
    }
}
