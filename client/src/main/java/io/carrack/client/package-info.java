/**
 * Carrack's Java client: settings and the exception type shared by producers and consumers. The
 * producer API is in {@link io.carrack.client.producer}, the consumers in {@link io.carrack.client.consumer}.
 */
package io.carrack.client;
