package io.carrack.benchmark.e2e;

import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.topic.TopicValidator;

/**
 * Creates a topic with a given queue count on every broker that serves the auto-create topic
 * (TBW102), through the official client's admin call, and waits until the name server routes it. The
 * same call whichever client is measured, so the set-up does not differ between runs.
 */
final class TopicSetup {
    private TopicSetup() {
    }

    @SuppressWarnings("deprecation") // createTopic is the 4.9.7 client's only admin call for this
    static void create(String namesrv, String topic, int queues) throws Exception {
        DefaultMQProducer admin = new DefaultMQProducer("mqbench-admin");
        admin.setNamesrvAddr(namesrv);
        admin.setVipChannelEnabled(false);
        admin.setInstanceName("mqbench-admin-" + System.nanoTime());
        admin.start();
        try {
            admin.createTopic(TopicValidator.AUTO_CREATE_TOPIC_KEY_TOPIC, topic, queues);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                try {
                    if (admin.fetchPublishMessageQueues(topic).size() >= queues) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " has no route after 15 s");
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } finally {
            admin.shutdown();
        }
    }
}
