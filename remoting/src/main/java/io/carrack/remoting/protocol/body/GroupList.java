package io.carrack.remoting.protocol.body;

import java.util.HashSet;
import java.util.Set;

/**
 * Response body of QUERY_TOPIC_CONSUME_BY_WHO (300): {@code {"groupList":["CG"]}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class GroupList {
    private Set<String> groupList = new HashSet<>();

    public GroupList() {
    }

    /** Consumer groups. */
    public Set<String> getGroupList() {
        return groupList;
    }

    public void setGroupList(Set<String> groupList) {
        this.groupList = groupList;
    }
}
