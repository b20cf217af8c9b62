/**
 * The storage SPI. A store module {@code provides io.carrack.spi.store.MessageStoreProvider}; the
 * broker selects it by {@link io.carrack.spi.store.MessageStoreProvider#name()} from broker.conf's
 * {@code storeType}. Messages cross this SPI in the RocketMQ 4.x stored-message layout.
 */
package io.carrack.spi.store;
