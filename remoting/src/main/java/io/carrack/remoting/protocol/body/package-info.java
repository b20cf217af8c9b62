/** JSON bodies of the broker protocol: heartbeats, subscriptions, locks, offsets, statistics. */
package io.carrack.remoting.protocol.body;
