package io.carrack.archtests;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/** Several rules checked and reported as one. */
final class CompositeRule {
    private CompositeRule() {
    }

    static ArchRule of(String description, List<ArchRule> rules) {
        CompositeArchRule composite = CompositeArchRule.of(rules.get(0));
        for (ArchRule r : rules.subList(1, rules.size())) {
            composite = composite.and(r);
        }
        return composite.as(description);
    }
}
