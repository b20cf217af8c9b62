/** Remoting API: commands, processors, the server and the client. */
package io.carrack.remoting;
