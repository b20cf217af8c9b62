package io.carrack.remoting.protocol.body;

import com.alibaba.fastjson2.annotation.JSONField;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One topic subscription of a consumer group (PROTOCOL.md section 7.2). JSON:
 * {@code {"classFilterMode":false,"codeSet":[2598919],"expressionType":"TAG","subString":"TagA",
 * "subVersion":1700000000000,"tagsSet":["TagA"],"topic":"T"}}. The class-filter source is not
 * serialized.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class SubscriptionData {
    /** The expression that matches every message. */
    public static final String SUB_ALL = "*";

    private boolean classFilterMode;
    private String topic;
    private String subString;
    private Set<String> tagsSet = new HashSet<>();
    private Set<Integer> codeSet = new HashSet<>();
    private long subVersion;
    private String expressionType = ExpressionType.TAG;
    private String filterClassSource;

    public SubscriptionData() {
    }

    /**
     * A subscription built from an expression as the RocketMQ client builds it: for a tag expression
     * the tags split on {@code ||} and trimmed, with their {@code String.hashCode()} values; {@code *}
     * or an empty expression subscribes to everything.
     *
     * @param topic          the topic
     * @param expression     the expression, or null for {@code *}
     * @param expressionType {@link ExpressionType#TAG}, {@link ExpressionType#SQL92}, or null for TAG
     * @param subVersion     the version, normally the creation time in ms
     */
    public static SubscriptionData of(String topic, String expression, String expressionType, long subVersion) {
        SubscriptionData s = new SubscriptionData();
        s.topic = topic;
        s.subVersion = subVersion;
        s.expressionType = expressionType == null || expressionType.isEmpty() ? ExpressionType.TAG : expressionType;
        if (!ExpressionType.isTagType(s.expressionType)) {
            s.subString = expression;
            return s;
        }
        String expr = expression == null ? "" : expression.trim();
        if (expr.isEmpty() || SUB_ALL.equals(expr)) {
            s.subString = SUB_ALL;
            return s;
        }
        s.subString = expression;
        for (String tag : expr.split("\\|\\|")) {
            String t = tag.trim();
            if (!t.isEmpty()) {
                s.tagsSet.add(t);
                s.codeSet.add(t.hashCode());
            }
        }
        return s;
    }

    /** Whether this is a tag subscription to every message ({@code *} or empty). */
    public boolean subscribesAll() {
        return ExpressionType.isTagType(expressionType)
                && (subString == null || subString.isBlank() || SUB_ALL.equals(subString.trim()));
    }

    public boolean isClassFilterMode() {
        return classFilterMode;
    }

    public void setClassFilterMode(boolean classFilterMode) {
        this.classFilterMode = classFilterMode;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    /** The expression text: {@code *}, {@code TagA || TagB}, or SQL92. */
    public String getSubString() {
        return subString;
    }

    public void setSubString(String subString) {
        this.subString = subString;
    }

    /** The tags of a tag expression; empty for {@code *} and SQL92. */
    public Set<String> getTagsSet() {
        return tagsSet;
    }

    public void setTagsSet(Set<String> tagsSet) {
        this.tagsSet = tagsSet;
    }

    /** {@code String.hashCode()} of each tag. */
    public Set<Integer> getCodeSet() {
        return codeSet;
    }

    public void setCodeSet(Set<Integer> codeSet) {
        this.codeSet = codeSet;
    }

    /** Version of the subscription, the ms time it was created. */
    public long getSubVersion() {
        return subVersion;
    }

    public void setSubVersion(long subVersion) {
        this.subVersion = subVersion;
    }

    /** {@code TAG} or {@code SQL92}. */
    public String getExpressionType() {
        return expressionType;
    }

    public void setExpressionType(String expressionType) {
        this.expressionType = expressionType;
    }

    /** Java source of a class filter; never serialized. */
    @JSONField(serialize = false, deserialize = false)
    public String getFilterClassSource() {
        return filterClassSource;
    }

    @JSONField(serialize = false, deserialize = false)
    public void setFilterClassSource(String filterClassSource) {
        this.filterClassSource = filterClassSource;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionData s && classFilterMode == s.classFilterMode
                && Objects.equals(topic, s.topic) && Objects.equals(subString, s.subString)
                && Objects.equals(tagsSet, s.tagsSet) && Objects.equals(codeSet, s.codeSet)
                && subVersion == s.subVersion && Objects.equals(expressionType, s.expressionType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classFilterMode, topic, subString, tagsSet, codeSet, subVersion, expressionType);
    }

    @Override
    public String toString() {
        return "SubscriptionData[topic=" + topic + ", subString=" + subString + ", tagsSet=" + tagsSet + ", codeSet="
                + codeSet + ", subVersion=" + subVersion + ", expressionType=" + expressionType
                + ", classFilterMode=" + classFilterMode + "]";
    }
}
