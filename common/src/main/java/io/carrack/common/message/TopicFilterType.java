package io.carrack.common.message;

/** How a topic's tags are filtered; always SINGLE_TAG in practice. */
public enum TopicFilterType {
    SINGLE_TAG, MULTI_TAG
}
