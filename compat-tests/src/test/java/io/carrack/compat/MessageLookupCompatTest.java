package io.carrack.compat;

import static io.carrack.compat.SendConsumeCompatTest.TIMEOUT;
import static io.carrack.compat.SendConsumeCompatTest.assertSendOk;
import static io.carrack.compat.harness.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carrack.compat.harness.Await;
import io.carrack.compat.harness.CompatEnv;
import io.carrack.compat.harness.CompatTest;
import io.carrack.compat.harness.Inbox;
import io.carrack.compat.harness.Messages.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.QueryResult;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/** Looking messages up: by offset message id (VIEW_MESSAGE_BY_ID), by key and by unique id (QUERY_MESSAGE). */
class MessageLookupCompatTest {

    private record Sent(Fingerprint fingerprint, SendResult result) {
    }

    @CompatTest
    void viewMessageByOffsetIdAndByUniqueId(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Message m = message(topic, "TagA", "view-key-" + i, "view body " + i);
            m.putUserProperty("index", Integer.toString(i));
            SendResult result = producer.send(m);
            assertSendOk(env, topic, result);
            sent.add(new Sent(new Fingerprint(m.getKeys(), "view body " + i, result.getMsgId()), result));
        }
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            MessageExt byOffsetId = producer.viewMessage(s.result().getOffsetMsgId());
            assertEquals(s.fingerprint(), Fingerprint.of(byOffsetId), "viewMessage(offsetMsgId)");
            assertEquals(topic, byOffsetId.getTopic());
            assertEquals("TagA", byOffsetId.getTags());
            assertEquals(Integer.toString(i), byOffsetId.getUserProperty("index"));
            assertEquals(s.result().getMessageQueue().getQueueId(), byOffsetId.getQueueId());
            assertEquals(s.result().getQueueOffset(), byOffsetId.getQueueOffset());
            assertEquals(s.result().getOffsetMsgId(), Inbox.offsetMsgId(byOffsetId));
        }
        for (Sent s : sent) {
            MessageExt byUniqueId = Await.awaitValue("query by unique id " + s.result().getMsgId(), TIMEOUT,
                    () -> producer.viewMessage(topic, s.result().getMsgId()));
            assertEquals(s.fingerprint(), Fingerprint.of(byUniqueId), "viewMessage(topic, uniqueId)");
        }
    }

    @CompatTest
    void queryMessageByKeyReturnsExactlyTheMessagesWithThatKey(CompatEnv env) throws Exception {
        String topic = env.uniqueName("T");
        DefaultMQProducer producer = env.startedProducer();
        long begin = System.currentTimeMillis() - 60_000;
        List<Sent> sent = new ArrayList<>();
        String[][] keysOf = {{"alpha"}, {"alpha"}, {"beta"}, {"alpha", "gamma"}, {"beta"}, {"delta"}};
        for (int i = 0; i < keysOf.length; i++) {
            Message m = message(topic, "TagA", null, "query body " + i);
            m.setKeys(List.of(keysOf[i]));
            SendResult result = producer.send(m);
            assertSendOk(env, topic, result);
            sent.add(new Sent(new Fingerprint(m.getKeys(), "query body " + i, result.getMsgId()), result));
        }
        long end = System.currentTimeMillis() + 60_000;
        for (String key : List.of("alpha", "beta", "gamma", "delta")) {
            Set<Fingerprint> want = sent.stream()
                    .filter(s -> Set.of(s.fingerprint().key().split(" ")).contains(key))
                    .map(Sent::fingerprint)
                    .collect(Collectors.toSet());
            List<MessageExt> found = Await.awaitValue("query by key " + key, TIMEOUT, () -> {
                QueryResult r = producer.queryMessage(topic, key, 32, begin, end);
                return r.getMessageList().size() >= want.size() ? r.getMessageList() : null;
            });
            assertEquals(want, found.stream().map(Fingerprint::of).collect(Collectors.toSet()), "query by key " + key);
            assertEquals(want.size(), found.size(), "no duplicates for key " + key);
            found.forEach(m -> assertEquals(topic, m.getTopic()));
        }
    }
}
