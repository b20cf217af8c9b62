package io.carrack.broker.internal.store;

import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the store provider named by {@code storeType} with {@link ServiceLoader}. */
public final class StoreLoader {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLoader.class);

    private StoreLoader() {
    }

    /**
     * The provider whose {@code name()} equals {@code storeType}.
     *
     * @throws StoreException naming the providers found when none matches
     */
    public static MessageStoreProvider find(String storeType) {
        List<String> names = new ArrayList<>();
        Optional<MessageStoreProvider> found = lookup(storeType, names);
        if (found.isPresent()) {
            MessageStoreProvider p = found.get();
            LOG.info("store provider '{}': {} from module {}", storeType, p.getClass().getName(),
                    p.getClass().getModule().getName());
            return p;
        }
        throw new StoreException("unknown storeType '" + storeType + "'; store providers found: "
                + (names.isEmpty() ? "none (is a store module on the module path?)" : String.join(", ", names)));
    }

    /** The provider whose {@code name()} equals {@code storeType}, or empty (start-up reports that). */
    public static Optional<MessageStoreProvider> lookup(String storeType) {
        return lookup(storeType, new ArrayList<>());
    }

    private static Optional<MessageStoreProvider> lookup(String storeType, List<String> otherNames) {
        for (MessageStoreProvider p : ServiceLoader.load(MessageStoreProvider.class)) {
            if (p.name().equals(storeType)) {
                return Optional.of(p);
            }
            otherNames.add(p.name());
        }
        return Optional.empty();
    }
}
