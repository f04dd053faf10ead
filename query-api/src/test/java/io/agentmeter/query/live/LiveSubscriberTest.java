package io.agentmeter.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentmeter.query.http.ApiException;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

class LiveSubscriberTest {

    private static LiveEvent turn(long seq) {
        return LiveEvent.named(LiveEvent.TURN, "7-" + seq, "{\"n\":" + seq + "}");
    }

    @Test
    void shouldEndAClientThatFallsMoreThanItsBufferBehind() {
        LiveSubscriber subscriber = new LiveSubscriber(true, 3, null);
        AssertSubscriber<LiveEvent> client = subscriber.events().subscribe().withSubscriber(AssertSubscriber.create(1));
        // The "connected" comment took the one event asked for; the next three wait, the fourth is one too many.
        for (long seq = 1; seq <= 3; seq++) {
            subscriber.offerTurn(new StoredPosition(7, seq), turn(seq));
        }
        assertThat(subscriber.ended()).isFalse();
        subscriber.offerTurn(new StoredPosition(7, 4), turn(4));
        assertThat(subscriber.ended()).isTrue();
        assertThat(subscriber.overflowed()).isTrue();
        client.assertCompleted();
        assertThat(client.getItems()).hasSize(1);
    }

    @Test
    void shouldHandOverQueuedEventsAsTheClientAsksForThem() {
        LiveSubscriber subscriber = new LiveSubscriber(false, 10, null);
        AssertSubscriber<LiveEvent> client = subscriber.events().subscribe().withSubscriber(AssertSubscriber.create(0));
        subscriber.offerTurn(new StoredPosition(7, 1), turn(1));
        subscriber.offerTurn(new StoredPosition(7, 2), turn(2));
        assertThat(client.getItems()).isEmpty();
        client.request(2);
        assertThat(client.getItems()).extracting(LiveEvent::comment).containsExactly("connected", null);
        client.request(5);
        assertThat(client.getItems()).extracting(LiveEvent::id).containsExactly(null, "7-1", "7-2");
        client.assertNotTerminated();
    }

    @Test
    void shouldNotSendATurnAtOrBeforeTheLastOneItSent() {
        LiveSubscriber subscriber = new LiveSubscriber(true, 10, new StoredPosition(7, 2));
        AssertSubscriber<LiveEvent> client = subscriber.events().subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        subscriber.offerTurn(new StoredPosition(7, 1), turn(1));
        subscriber.offerTurn(new StoredPosition(7, 2), turn(2));
        subscriber.offerTurn(new StoredPosition(8, 1), turn(3));
        subscriber.offerTurn(new StoredPosition(8, 1), turn(3));
        assertThat(client.getItems()).extracting(LiveEvent::id).containsExactly(null, "7-3");
    }

    @Test
    void shouldFinishAfterWhatIsQueued() {
        LiveSubscriber subscriber = new LiveSubscriber(true, 10, null);
        subscriber.offerTurn(new StoredPosition(7, 1), turn(1));
        subscriber.finish();
        AssertSubscriber<LiveEvent> client = subscriber.events().subscribe().withSubscriber(AssertSubscriber.create(1));
        client.assertNotTerminated();
        client.request(1);
        client.assertCompleted();
        assertThat(client.getItems()).extracting(LiveEvent::id).containsExactly(null, "7-1");
    }

    @Test
    void shouldReadOnlyTheIdsItGivesOut() {
        assertThat(StoredPosition.parse("123-45")).isEqualTo(new StoredPosition(123, 45));
        assertThat(new StoredPosition(123, 45).toString()).isEqualTo("123-45");
        assertThat(new StoredPosition(9, 100)).isLessThan(new StoredPosition(10, 1));
        for (String bad : new String[] {"", "12", "12-", "-3", "a-1", "1-2-3", "99999999999999999999-1"}) {
            assertThatThrownBy(() -> StoredPosition.parse(bad)).isInstanceOf(ApiException.class)
                    .hasMessageStartingWith("Last-Event-ID: ");
        }
    }
}
