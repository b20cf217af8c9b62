/** The broker: {@link io.carrack.broker.Broker} to embed, its configuration and its command line. */
package io.carrack.broker;
