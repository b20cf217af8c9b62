/** The Netty implementation of the remoting server and client, and the frame and header codecs. */
package io.carrack.remoting.internal;
