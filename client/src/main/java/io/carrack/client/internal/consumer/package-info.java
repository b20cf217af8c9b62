/** Consumer internals: process queues, offsets, rebalance, pulling and consume services. */
package io.carrack.client.internal.consumer;
