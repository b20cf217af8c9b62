package io.carrack.broker.internal.store;

import io.carrack.spi.store.MessageStoreProvider;
import io.carrack.spi.store.StoreException;
import java.util.ArrayList;
import java.util.List;
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
        for (MessageStoreProvider p : ServiceLoader.load(MessageStoreProvider.class)) {
            if (p.name().equals(storeType)) {
                LOG.info("store provider '{}': {} from module {}", storeType, p.getClass().getName(),
                        p.getClass().getModule().getName());
                return p;
            }
            names.add(p.name());
        }
        throw new StoreException("unknown storeType '" + storeType + "'; store providers found: "
                + (names.isEmpty() ? "none (is a store module on the module path?)" : String.join(", ", names)));
    }
}
