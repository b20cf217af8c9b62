/** Producer internals: publish queue lists, queue selection, the send path with retries. */
package io.carrack.client.internal.producer;
